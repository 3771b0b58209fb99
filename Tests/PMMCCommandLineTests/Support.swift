@testable import pmmc

/// The message of the usage error `body` throws, or `nil` if it throws none.
func usageError<Result>(_ body: () throws(UsageError) -> Result) -> String? {
    do {
        _ = try body()
        return nil
    } catch {
        return error.message
    }
}
