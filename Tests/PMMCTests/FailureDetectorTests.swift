import Testing
@testable import PMMC

/// The failure detector of paper §3, on its own: pings, counts missed answers, and tells its
/// leader when the watched leader has failed.
@Suite struct FailureDetectorTests {
    let settings = Settings.FailureDetection(pingInterval: 10, missedPings: 2)

    @Test func watchingPingsAndArmsACheck() {
        var detector = FailureDetector(settings: settings)
        var outbox = Box()
        detector.watch(l0, into: &outbox)
        #expect(detector.watched == l0)
        #expect(outbox.sends == [sent(.ping, to: l0)])
        #expect(outbox.timers == [TimerSet(timer: .leaderCheck(epoch: 1), after: 10)])
    }

    @Test func silenceForMissedPingsIntervalsMeansFailed() {
        var detector = FailureDetector(settings: settings)
        var outbox = Box()
        detector.watch(l0, into: &outbox)
        outbox.removeAll()
        let answer1 = detector.check(epoch: 1, into: &outbox)
        #expect(!answer1, "one interval without a pong is not enough")
        #expect(outbox.sends == [sent(.ping, to: l0)])
        outbox.removeAll()
        let answer2 = detector.check(epoch: 1, into: &outbox)
        #expect(answer2)
        #expect(outbox.effects.isEmpty)
        #expect(detector.watched == nil)
    }

    @Test func aPongResetsTheCountAndOnlyTheWatchedLeadersCounts() {
        var detector = FailureDetector(settings: settings)
        var outbox = Box()
        detector.watch(l0, into: &outbox)
        let answer3 = detector.pong(from: l2, at: 0)
        #expect(!answer3)
        let answer4 = detector.check(epoch: 1, into: &outbox)
        #expect(!answer4)
        let answer5 = detector.pong(from: l0, at: 0)
        #expect(answer5)
        let answer6 = detector.check(epoch: 1, into: &outbox)
        #expect(!answer6, "answered since the last check")
        let answer7 = detector.check(epoch: 1, into: &outbox)
        #expect(!answer7)
        let answer8 = detector.check(epoch: 1, into: &outbox)
        #expect(answer8)
    }

    @Test func aCheckFromAnEarlierWatchIsIgnored() {
        var detector = FailureDetector(settings: settings)
        var outbox = Box()
        detector.watch(l0, into: &outbox)
        detector.watch(l2, into: &outbox)
        outbox.removeAll()
        let answer9 = detector.check(epoch: 1, into: &outbox)
        #expect(!answer9)
        let answer10 = detector.check(epoch: 1, into: &outbox)
        #expect(!answer10)
        #expect(outbox.effects.isEmpty)
        #expect(detector.watched == l2)
    }
}
