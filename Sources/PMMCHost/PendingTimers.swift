import PMMC

/// The timers one process has set and not yet been given, each with the handle that cancels it
/// in the host's queue: how a host forgets a timer that came due, cancels the ones a role asks
/// it to (``Effect/cancelTimer(_:)``), and cancels them all when the process exits or crashes.
///
/// A process has a handful of timers pending at a time, so a small array searched in order
/// serves better than a dictionary. The simulator keeps one per process; the actor runtime
/// keeps its timers in each actor instead (`ActorTimers`), where setting and cancelling one
/// takes no lock.
public struct PendingTimers<Handle> {
    @usableFromInline
    struct Entry {
        @usableFromInline let timer: TimerID
        @usableFromInline let sequence: Int
        @usableFromInline let handle: Handle

        @inlinable
        init(timer: TimerID, sequence: Int, handle: Handle) {
            self.timer = timer
            self.sequence = sequence
            self.handle = handle
        }
    }

    @usableFromInline
    var entries: [Entry] = []

    public init() {}

    /// Records `timer`, queued under sequence number `sequence` with `handle`.
    @inlinable
    public mutating func append(_ timer: TimerID, sequence: Int, handle: Handle) {
        entries.append(Entry(timer: timer, sequence: sequence, handle: handle))
    }

    /// Forgets the timer queued under `sequence`, which came due.
    @inlinable
    public mutating func forget(sequence: Int) {
        if let index = entries.firstIndex(where: { $0.sequence == sequence }) {
            entries.remove(at: index)
        }
    }

    /// Forgets every pending `timer`, passing each one's handle to `cancel`.
    @inlinable
    public mutating func remove(_ timer: TimerID, cancel: (Handle) -> Void) {
        var index = entries.startIndex
        while index < entries.endIndex {
            if entries[index].timer == timer {
                cancel(entries.remove(at: index).handle)
            } else {
                index += 1
            }
        }
    }

    /// Forgets every pending timer, passing each one's handle to `cancel`, and keeps the
    /// storage for the next process.
    @inlinable
    public mutating func removeAll(cancel: (Handle) -> Void) {
        for entry in entries {
            cancel(entry.handle)
        }
        entries.removeAll(keepingCapacity: true)
    }
}

extension PendingTimers: Sendable where Handle: Sendable {}
extension PendingTimers.Entry: Sendable where Handle: Sendable {}
