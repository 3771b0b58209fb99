import PMMCHost
import Testing

/// The one event queue both hosts keep (PMMCHost): the simulator on virtual ticks, the
/// runtime on real deadlines.
@Suite("EventQueue")
struct EventQueueTests {
    /// Drains the queue, returning the events in the order they come out.
    private func drain(_ queue: inout EventQueue<Int, String>) -> [String] {
        var order: [String] = []
        while let (_, _, event) = queue.next() { order.append(event) }
        return order
    }

    @Test("events come out by time, and in scheduling order at equal times")
    func order() {
        var queue = EventQueue<Int, String>()
        for (event, time) in [("c", 5), ("a", 1), ("d", 5), ("b", 3), ("e", 5), ("f", 0)] {
            queue.schedule(event, at: time)
        }
        #expect(queue.nextTime == 0)
        #expect(queue.entries.map(\.event) == ["f", "a", "b", "c", "d", "e"])
        #expect(drain(&queue) == ["f", "a", "b", "c", "d", "e"])
        #expect(queue.nextTime == nil)
    }

    @Test("a cancelled event never comes out; a stale handle cancels nothing")
    func cancel() {
        var queue = EventQueue<Int, String>()
        let first = queue.schedule("first", at: 1)
        let second = queue.schedule("second", at: 2)
        queue.schedule("third", at: 3)
        queue.cancel(second)
        #expect(queue.next()?.event == "first")
        // The slot of "first" is reused: its old handle must not cancel the new event.
        queue.schedule("fourth", at: 4)
        queue.cancel(first)
        #expect(drain(&queue) == ["third", "fourth"])
        queue.removeAll()
        queue.cancel(second)
        #expect(queue.nextTime == nil)
    }

    @Test("cancelling the earliest event moves the next time on")
    func cancelTop() {
        var queue = EventQueue<Int, String>()
        let early = queue.schedule("early", at: 1)
        queue.schedule("late", at: 9)
        queue.cancel(early)
        #expect(queue.nextTime == 9)
    }

    @Test("next(dueBy:) takes only events due by then")
    func due() {
        var queue = EventQueue<Int, String>()
        queue.schedule("b", at: 20)
        queue.schedule("a", at: 10)
        #expect(queue.next(dueBy: 5) == nil)
        #expect(queue.next(dueBy: 10)?.event == "a")
        #expect(queue.next(dueBy: 19) == nil)
        #expect(queue.next(dueBy: 25).map { ($0.time, $0.event) } ?? (0, "") == (20, "b"))
    }

    @Test("an event is found and taken out by its sequence number, wherever it is")
    func bySequence() {
        var queue = EventQueue<Int, String>()
        let handles = ["a", "b", "c", "d"].enumerated().map { queue.schedule($0.element, at: 10 - $0.offset) }
        #expect(handles.map(\.sequence) == [0, 1, 2, 3])
        #expect(queue.event(sequence: 1) == "b")
        #expect(queue.remove(sequence: 1)?.event == "b")
        #expect(queue.remove(sequence: 1) == nil)
        queue.cancel(handles[2])
        #expect(queue.remove(sequence: 2) == nil)
        #expect(drain(&queue) == ["d", "a"])
    }
}

@Suite("EventQueue against a sorted list")
struct EventQueueModelTests {
    @Test("schedules, cancels and removals by sequence number leave it in step with a sorted list", arguments: [1, 2, 3])
    func model(seed: Int) {
        var state = UInt64(seed)
        func next(below bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var queue = EventQueue<Int, Int>()
        var model: [(time: Int, sequence: Int, handle: EventQueue<Int, Int>.Handle)] = []
        var now = 0
        for _ in 0..<3_000 {
            switch next(below: 8) {
            case 0...3:
                let time = now + next(below: 5)
                let handle = queue.schedule(model.count, at: time)
                model.append((time, handle.sequence, handle))
            case 4:
                guard !model.isEmpty else { continue }
                let index = next(below: model.count)
                queue.cancel(model[index].handle)
                model.remove(at: index)
            case 5:
                guard !model.isEmpty else { continue }
                let index = next(below: model.count)
                #expect(queue.remove(sequence: model[index].sequence)?.sequence == model[index].sequence)
                model.remove(at: index)
            default:
                model.sort { ($0.time, $0.sequence) < ($1.time, $1.sequence) }
                let taken = queue.next()
                #expect(taken?.sequence == model.first?.sequence)
                #expect(taken?.time == model.first?.time)
                if let first = model.first {
                    now = first.time
                    model.removeFirst()
                }
            }
            #expect(queue.nextTime == model.map(\.time).min())
            #expect(queue.entries.map(\.sequence) == model.sorted { ($0.time, $0.sequence) < ($1.time, $1.sequence) }.map(\.sequence))
        }
    }
}
