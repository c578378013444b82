#![no_main]
//! `decode`: any bytes give valid text or an `Empty`/`Binary` refusal, never a panic.

use crosscheck::document::decode::{decode, DecodeError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match decode(data) {
        Ok((text, warning)) => {
            // `text` is a `String`, so valid UTF-8 by construction; check what decode promises.
            assert!(!text.is_empty(), "Ok with empty text");
            assert!(!text.contains('\0'), "Ok with a NUL character");
            if let Ok(s) = std::str::from_utf8(data) {
                if !s.starts_with('\u{feff}') {
                    assert_eq!(text, s, "valid UTF-8 must come back unchanged");
                    assert!(warning.is_none(), "valid UTF-8 must not warn");
                }
            }
        }
        Err(DecodeError::Empty) => {
            assert!(
                matches!(data, b"" | b"\xEF\xBB\xBF" | b"\xFF\xFE" | b"\xFE\xFF"),
                "Empty for {} bytes of input",
                data.len()
            );
        }
        Err(DecodeError::Binary(why)) => assert!(!why.is_empty()),
    }
});
