/// An array in fixed-size chunks: it never copies its elements to grow, and a reader that walks it
/// once can let each chunk go behind it (`drain`, `release`): a long table's rows and their facts are
/// then not all held at once (issue #16).
struct ChunkedList<Element>: RandomAccessCollection, MutableCollection {
    private var chunks: [[Element]] = []
    private let size: Int
    private(set) var count = 0

    init(chunk size: Int = 4096) { self.size = size }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(i: Int) -> Element {
        get { chunks[i / size][i % size] }
        set { chunks[i / size][i % size] = newValue }
    }

    mutating func append(_ e: Element) {
        if count % size == 0 {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(size)
        }
        chunks[chunks.count - 1].append(e)
        count += 1
    }

    /// Lets go the chunks wholly before `i`: their elements must not be read again.
    mutating func release(before i: Int) {
        for k in 0..<Swift.min(i / size, chunks.count) where !chunks[k].isEmpty { chunks[k] = [] }
    }

    /// Walks the elements in order, letting each chunk go once walked; the list is empty after.
    mutating func drain(_ body: (Element) -> Void) {
        for k in chunks.indices {
            for e in chunks[k] { body(e) }
            chunks[k] = []
        }
        chunks = []
        count = 0
    }
}
