#![no_main]
//! `config`: `config::parse` on any text. Never a panic; an error is placed at a line and column
//! that exist in the text; a config that parses has its paths under the base folder.

use std::path::Path;

use crosscheck::config::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines = text.split('\n').count();
    match parse("crosscheck.toml", &text, Path::new("/base")) {
        Ok(cfg) => {
            for r in &cfg.rules {
                assert!(r.starts_with("/base") || r.is_absolute(), "{}", r.display());
            }
        }
        Err(e) => {
            assert!(!e.message.is_empty());
            if let (Some(l), Some(c)) = (e.line, e.column) {
                assert!(l >= 1 && l <= lines && c >= 1, "error at {l}:{c} of {lines} lines: {e}");
            }
        }
    }
});
