# A walk-through as a schedule file: pmmc walkthrough --file Docs/stories/lost-p2b.story
title: A lost p2b, and a commander that does not need it
lesson: A commander waits for p2b from a majority of acceptors, not from all of them.
    Here one acceptor's answer is lost. In the first branch the other two answer and the
    command is decided without it. In the second branch a second answer is lost as well,
    the commander cannot decide, and it sends its p2a again when its timer fires.
cluster: replicas 1, leaders 1, acceptors 3, clients 1

setup: l0 is elected with ballot 0.0
    start l0
    elect l0 by a0 a1 a2

step: c0 asks for A; r0 proposes it for slot 1
    submit A by c0
    deliver request from c0 to r0

step: l0 spawns a commander: p2a(<0.0, 1, A>) to every acceptor
    deliver propose to l0

step: a0 accepts, but its p2b(0.0) is lost
    deliver p2a from l0 to a0
    drop p2b from a0

or: Branch A: a1 and a2 answer
step: a1 and a2 accept and answer p2b(0.0). OK!
    deliver p2a from l0 to a1
    deliver p2a from l0 to a2
step: two of three is a majority: decision(1, A) to r0
    deliver p2b from a1
    deliver p2b from a2
step: r0 performs A and answers c0
    deliver decision to r0
    deliver response to c0
expect slot 1 decided A
expect a0 accepted <0.0, 1, A>
expect c0 output [A]

or: Branch B: a1's p2b is lost too
step: a1 and a2 accept; a1's answer is lost, a2's arrives
    deliver p2a from l0 to a1
    drop p2b from a1
    deliver p2a from l0 to a2
    deliver p2b from a2
step: one p2b is not a majority; the commander's timer fires and it sends p2a again
    fire phaseRetransmit of l0
step: a0 and a1 accept again (nothing changes for them); a0's p2b arrives, and with a2's that is a majority: decision(1, A) to r0
    deliver p2a from l0 to a0
    deliver p2a from l0 to a1
    deliver p2b from a0
step: r0 performs A
    deliver decision to r0
expect slot 1 decided A
expect r0 log A
