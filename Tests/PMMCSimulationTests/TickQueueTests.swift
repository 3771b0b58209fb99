import PMMCHost
import Testing

/// The simulator's queue of buckets in front of a heap (PMMCHost): the same order as an
/// ``EventQueue`` for any mix of near, far, past and cancelled events.
@Suite("TickQueue")
struct TickQueueTests {
    /// Drains the queue, returning the events in the order they come out.
    private func drain(_ queue: inout TickQueue<String>) -> [String] {
        var order: [String] = []
        while let (_, _, event) = queue.next() { order.append(event) }
        return order
    }

    @Test("events come out by time, and in scheduling order at equal times, near or far")
    func order() {
        var queue = TickQueue<String>()
        for (event, time) in [("c", 5), ("a", 1), ("far", 500), ("d", 5), ("b", 3), ("e", 5), ("f", 0)] {
            queue.schedule(event, at: time)
        }
        #expect(queue.nextTime == 0)
        #expect(queue.entries.map(\.event) == ["f", "a", "b", "c", "d", "e", "far"])
        #expect(drain(&queue) == ["f", "a", "b", "c", "d", "e", "far"])
        #expect(queue.nextTime == nil)
    }

    @Test("an event that waited in the heap comes out before one scheduled later for its tick")
    func heapBeforeBucket() {
        var queue = TickQueue<String>()
        queue.schedule("timer", at: 100)
        queue.schedule("step", at: 90)
        #expect(queue.next()?.event == "step")
        // Tick 100 is now inside the window: this one goes to a bucket, after the timer.
        queue.schedule("message", at: 100)
        queue.schedule("past", at: 80)
        #expect(drain(&queue) == ["past", "timer", "message"])
    }

    @Test("a cancelled event never comes out, in a bucket or in the heap")
    func cancel() {
        var queue = TickQueue<String>()
        let near = queue.schedule("near", at: 1)
        queue.schedule("kept", at: 1)
        let far = queue.schedule("far", at: 1_000)
        queue.cancel(near)
        queue.cancel(far)
        #expect(queue.nextTime == 1)
        #expect(drain(&queue) == ["kept"])
        queue.cancel(near)
        #expect(queue.nextTime == nil)
    }

    @Test("next(dueBy:) takes only events due by then")
    func due() {
        var queue = TickQueue<String>()
        queue.schedule("b", at: 200)
        queue.schedule("a", at: 10)
        #expect(queue.next(dueBy: 5) == nil)
        #expect(queue.next(dueBy: 10)?.event == "a")
        #expect(queue.next(dueBy: 199) == nil)
        #expect(queue.next(dueBy: 250).map { ($0.time, $0.event) } ?? (0, "") == (200, "b"))
    }

    @Test("an event is found and taken out by its sequence number, wherever it is")
    func bySequence() {
        var queue = TickQueue<String>()
        let handles = ["a", "b", "c", "d"].enumerated().map { queue.schedule($0.element, at: 100 - 30 * $0.offset) }
        #expect(handles.map(\.sequence) == [0, 1, 2, 3])
        #expect(queue.event(sequence: 1) == "b")
        #expect(queue.remove(sequence: 1)?.event == "b")
        #expect(queue.remove(sequence: 1) == nil)
        #expect(queue.remove(sequence: 3)?.time == 10)
        queue.cancel(handles[2])
        #expect(queue.remove(sequence: 2) == nil)
        #expect(drain(&queue) == ["a"])
    }
}

@Suite("TickQueue against EventQueue")
struct TickQueueModelTests {
    @Test("schedules near and far, cancels and removals by sequence number come out as from the heap alone",
          arguments: [1, 2, 3, 4])
    func model(seed: Int) {
        var state = UInt64(seed)
        func next(below bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var queue = TickQueue<Int>()
        var heap = EventQueue<Int, Int>()
        var handles: [(tick: TickQueue<Int>.Handle, heap: EventQueue<Int, Int>.Handle)] = []
        var now = 0
        for step in 0..<5_000 {
            switch next(below: 10) {
            case 0...4:
                // Mostly the next few ticks; now and then past the window, or before now.
                let time = switch next(below: 10) {
                case 0: now + 60 + next(below: 200)
                case 1: max(0, now - next(below: 5))
                default: now + next(below: 4)
                }
                let handle = queue.schedule(step, at: time)
                handles.append((handle, heap.schedule(step, at: time)))
                #expect(handle.sequence == handles.last!.heap.sequence)
            case 5:
                guard !handles.isEmpty else { continue }
                let (tick, heapHandle) = handles.remove(at: next(below: handles.count))
                queue.cancel(tick)
                heap.cancel(heapHandle)
            case 6:
                guard !handles.isEmpty else { continue }
                let sequence = handles[next(below: handles.count)].tick.sequence
                #expect(queue.event(sequence: sequence) == heap.event(sequence: sequence))
                let taken = queue.remove(sequence: sequence)
                let expected = heap.remove(sequence: sequence)
                #expect(taken?.event == expected?.event)
                #expect(taken?.time == expected?.time)
            default:
                let taken = queue.next()
                let expected = heap.next()
                #expect(taken?.sequence == expected?.sequence)
                #expect(taken?.time == expected?.time)
                #expect(taken?.event == expected?.event)
                if let time = taken?.time { now = max(now, time) }
            }
            #expect(queue.nextTime == heap.nextTime)
            #expect(queue.entries.map(\.sequence) == heap.entries.map(\.sequence))
        }
    }
}
