#![no_main]
//! `markdown`: `read_markdown` on any text; its offset map stays inside the source and the text, and mapped
//! spans land on character boundaries.

use crosscheck::document::markdown::read_markdown;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Invalid UTF-8 becomes U+FFFD: multi-byte characters are what offset bugs trip on.
    let src = String::from_utf8_lossy(data);
    let e = read_markdown(&src);
    assert_eq!(e.source, src, "source must be the input");
    crosscheck_fuzz::check_extracted(&e);
});
