import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A thread of its own for a blocking loop, named so that `top -H` and `ps -L` show what it is
/// (Foundation's `Thread.name` does not reach the kernel on Linux). The name is cut to the kernel's
/// 15 characters.
enum NamedThread {
    static func start(_ name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            // pthread_setname_np is not in the Swift overlay; the thread's comm file is the same thing.
            let comm = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
            if comm >= 0 {
                let short = String(name.prefix(15))
                _ = short.withCString { write(comm, $0, strlen($0)) }
                close(comm)
            }
            body()
        }
        thread.name = name
        thread.start()
    }
}
