import Testing
@testable import PMMC

/// The retransmission timeout of RFC 6298 on its own: fixed when adaptation is off; otherwise
/// SRTT + 4·RTTVAR from the samples, doubled on expiry, between the minimum and the fixed
/// interval.
@Suite struct RetransmitTimerTests {
    let adaptive = Settings.AdaptiveRetransmission(minimum: 2)

    @Test("without adaptation the timeout is the fixed interval, whatever is sampled or expires")
    func fixedIgnoresSamplesAndExpiry() {
        var timer = RetransmitTimer(initial: 50, adapting: nil)
        timer.sample(3)
        timer.expired()
        timer.sample(400)
        timer.answered()
        #expect(timer.timeout == 50)
        #expect(!timer.isAdaptive)
    }

    @Test("before a sample the timeout is the fixed interval, and it never goes above it")
    func theFixedIntervalIsStartAndCeiling() {
        var timer = RetransmitTimer(initial: 50, adapting: adaptive)
        #expect(timer.timeout == 50)
        timer.sample(100)
        #expect(timer.timeout == 50)
        timer.expired()
        #expect(timer.timeout == 50)
    }

    @Test("the first sample R gives SRTT = R and RTTVAR = R/2, so RTO = 3R")
    func firstSample() {
        var timer = RetransmitTimer(initial: 1_000, adapting: adaptive)
        timer.sample(10)
        #expect(timer.timeout == 30)
    }

    @Test("steady round trips shrink RTTVAR, so the timeout falls towards SRTT plus one tick")
    func steadySamplesConverge() {
        var timer = RetransmitTimer(initial: 1_000, adapting: adaptive)
        var timeouts: [Int] = []
        for _ in 0..<40 {
            timer.sample(10)
            timeouts.append(timer.timeout)
        }
        #expect(timeouts == timeouts.sorted(by: >), "never grows: \(timeouts)")
        #expect(timeouts.last! <= 12, "\(timeouts)")
    }

    @Test("a jump in the round trip raises the timeout above the new round trip at once")
    func jumpRaisesTimeout() {
        var timer = RetransmitTimer(initial: 1_000, adapting: adaptive)
        for _ in 0..<20 { timer.sample(10) }
        timer.sample(100)
        #expect(timer.timeout > 100)
    }

    @Test("each expiry doubles the timeout up to the fixed interval; the next sample sets it again")
    func expiryDoubles() {
        var timer = RetransmitTimer(initial: 1_000, adapting: adaptive)
        timer.sample(100)
        #expect(timer.timeout == 300)
        timer.expired()
        #expect(timer.timeout == 600)
        timer.expired()
        #expect(timer.timeout == 1_000)
        timer.sample(100)
        #expect(timer.timeout < 600)
    }

    @Test("an answer to something sent twice undoes the doubling without a sample")
    func answeredUndoesTheDoubling() {
        var timer = RetransmitTimer(initial: 1_000, adapting: adaptive)
        timer.sample(10)
        timer.expired()
        timer.expired()
        #expect(timer.timeout == 120)
        timer.answered()
        #expect(timer.timeout == 30)
        #expect(timer.estimate == 30)
    }

    @Test("round trips of no time at all still leave the minimum")
    func zeroRoundTripsGiveTheMinimum() {
        var timer = RetransmitTimer(initial: 50, adapting: adaptive)
        for _ in 0..<10 { timer.sample(0) }
        #expect(timer.timeout == 2)
    }
}
