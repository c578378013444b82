#![no_main]
//! `text`: `read_text` on any text; its offset map stays inside the source and the text, and mapped
//! spans land on character boundaries.

use crosscheck::document::boilerplate::read_text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Invalid UTF-8 becomes U+FFFD: multi-byte characters are what offset bugs trip on.
    let src = String::from_utf8_lossy(data);
    let e = read_text(&src);
    assert_eq!(e.source, src, "source must be the input");
    crosscheck_fuzz::check_extracted(&e);
});
