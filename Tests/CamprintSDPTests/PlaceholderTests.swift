import Testing

@Suite struct SDPPlaceholderTests {
    @Test func builds() {}
}
