#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a `pthread_mutex_t`.
///
/// Not `Synchronization.Mutex`: on Linux that one waits on a futex inside the standard
/// library, which ThreadSanitizer does not instrument, so it cannot see the lock order and
/// reports every access under the lock as a race. ThreadSanitizer intercepts pthread mutexes.
/// On glibc the mutex is adaptive: a thread that finds it taken spins briefly before it
/// sleeps, since the bus holds its lock for a few hundred nanoseconds at most.
///
/// It is `Sendable` only when `Value` is: the lock makes access to the value exclusive, but
/// a non-`Sendable` value could still leave through `withLock` and be shared.
///
/// The value lives in memory of its own, not in a stored property: an access to a class's
/// `var` is checked for exclusivity at run time, and the lock already makes it exclusive.
final class Locked<Value> {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let value: UnsafeMutablePointer<Value>

    init(_ value: Value) {
        self.value = .allocate(capacity: 1)
        self.value.initialize(to: value)
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        #if canImport(Glibc)
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_ADAPTIVE_NP))
        pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
        #else
        pthread_mutex_init(mutex, nil)
        #endif
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
        value.deinitialize(count: 1)
        value.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value.pointee)
    }
}

extension Locked: @unchecked Sendable where Value: Sendable {}
