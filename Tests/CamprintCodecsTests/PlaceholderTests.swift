import Testing

@Suite struct CodecsPlaceholderTests {
    @Test func builds() {}
}
