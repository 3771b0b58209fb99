// The linearizability assertion belongs in this file: `expectLinearizable` will record an
// issue, naming the key and its operations, when the checker in
// Sources/PMMCSimulation/Linearizability finds a simulation's client history not
// linearizable, or cannot decide within its step limit. It joins the other assertions once
// that checker is merged.
