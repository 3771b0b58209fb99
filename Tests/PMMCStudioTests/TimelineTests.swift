import PMMCStudio
import Testing

@Suite struct TimelineTests {
    typealias Line = Timeline<Int>

    func entry(_ value: Int) -> Line.Entry { Line.Entry(label: "\(value)", scripted: false, actions: [value]) }

    @Test func backAndForwardStayWithinTheBranch() {
        var timeline = Line(branches: [Line.Branch(name: "main", entries: [entry(1), entry(2)])])
        let backAtStart = timeline.back()
        let forwards = [timeline.forward(), timeline.forward(), timeline.forward()]
        #expect(!backAtStart && forwards == [true, true, false])
        #expect(timeline.position == 2)
        let back = timeline.back()
        #expect(back && timeline.done.map(\.actions) == [[1]])
        let outside = timeline.go(to: 3), start = timeline.go(to: 0)
        #expect(!outside && start && timeline.done.isEmpty)
    }

    @Test func actingAfterGoingBackForksAndKeepsTheOldBranch() {
        var timeline = Line(branches: [Line.Branch(name: "main", entries: [entry(1), entry(2), entry(3)])])
        _ = timeline.forward()
        timeline.record(entry(9))
        #expect(timeline.branches.count == 2)
        #expect(timeline.branches[0].entries.map(\.actions) == [[1], [2], [3]])
        #expect(timeline.branch.name == "main, changed at step 2")
        #expect(timeline.branch.entries.map(\.actions) == [[1], [9]])
        #expect(timeline.position == 2 && timeline.current == 1)
        timeline.record(entry(10))
        #expect(timeline.branches.count == 2, "at the end of a branch an action extends it")
        #expect(timeline.branch.entries.count == 3)
    }

    @Test func forkHereCopiesUpToThePositionAndSwitchingGoesToTheEnd() {
        var timeline = Line(branches: [Line.Branch(name: "main", entries: [entry(1), entry(2)])])
        _ = timeline.forward()
        let fork = timeline.fork(named: "what if")
        #expect(fork == 1 && timeline.branch.name == "what if" && timeline.branch.entries.map(\.actions) == [[1]])
        let switched = timeline.switchTo(0)
        #expect(switched && timeline.position == 2)
        let missing = timeline.switchTo(5)
        #expect(!missing)
    }
}
