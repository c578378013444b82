//! Placeholders for the `pattern` of `fact` rules.
//!
//! A fact rule names what to look for with a regular expression in which `{date}`, `{number}`,
//! `{name}` and `{title}` stand for the shapes the built-in recognisers accept. The regex only
//! *locates* the value; the captured text is then read by the recogniser of the rule's
//! `value_type`, so `2,500` and `2500` still compare equal.
//!
//! ```toml
//! [[rule]]
//! id = "launch-count"
//! kind = "fact"
//! subject = "satellites launched"
//! pattern = "launched {number} satellites"
//! value_type = "number"
//! ```

use crate::rules::ValueType;

const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";

/// The regex fragment a placeholder stands for.
pub fn fragment(name: &str) -> Option<String> {
    Some(match name {
        "date" => format!(
            r"(?:\d{{4}}-\d{{2}}(?:-\d{{2}})?|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+\d{{4}}|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|{MONTH}\s+\d{{4}}|\d{{4}})"
        ),
        "number" => r"(?:[$€£¥]\s?)?(?:\d{1,3}(?:[,\s\u{00a0}\u{202f}]\d{3})+|\d+)(?:\.\d+)?(?:\s?(?:%|per\s?cent|k|m|bn|million|billion|thousand|trillion))?(?:\s?(?:kg|kilograms?|km|kilomet(?:re|er)s?|tonnes?|dollars|euros|pounds))?|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a dozen)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand|million|billion))*".to_string(),
        "name" => r"(?:\p{Lu}[\p{L}’'\-]+(?:\s+(?:(?:of|the|de|da|von|van|al|bin|del|la|le)\s+)*\p{Lu}[\p{L}’'\-]+)*)".to_string(),
        "title" => r"(?:(?:[Tt]he\s+)?(?:\p{L}[\p{L}\-]*\s+){0,6}?(?:[Mm]inister|[Pp]resident|[Dd]irector|[Cc]hair(?:man|woman|person)?|[Cc]hief(?:\s+[Ee]xecutive)?|CEO|[Ss]ecretary(?:-[Gg]eneral)?|[Ss]pokes(?:person|man|woman)|[Rr]epresentative|[Aa]mbassador|[Jj]udge|[Gg]overnor|[Mm]ayor|[Hh]ead)(?:\s+(?:of|for|at|to)\s+(?:the\s+)?[\p{L}\-]+(?:\s+[\p{Lu}][\p{L}\-]+)*)*)".to_string(),
        _ => return None,
    })
}

/// Expands the placeholders of a fact rule's pattern. When the pattern has no `value` group of
/// its own, the first placeholder (or the one matching `value_type`) becomes the `value` group.
pub fn expand(pattern: &str, value_type: ValueType) -> String {
    let has_value_group = pattern.contains("(?P<value>") || pattern.contains("(?<value>");
    let wanted = match value_type {
        ValueType::Date => Some("date"),
        ValueType::Number => Some("number"),
        ValueType::Name => Some("name"),
        ValueType::Title => Some("title"),
        ValueType::Text => None,
    };
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern;
    let mut wrapped = has_value_group;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}');
        let name = close.map(|c| &after[..c]);
        match name.and_then(|n| fragment(n).map(|f| (n, f))) {
            Some((n, frag)) => {
                out.push_str(&rest[..open]);
                let take = !wrapped && wanted.is_none_or(|w| w == n);
                if take {
                    out.push_str("(?P<value>");
                    out.push_str(&frag);
                    out.push(')');
                    wrapped = true;
                } else {
                    out.push_str("(?:");
                    out.push_str(&frag);
                    out.push(')');
                }
                rest = &after[n.len() + 1..];
            }
            None => {
                // Not a placeholder (a repetition such as `\d{4}`): copy the brace as it is.
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn capture(pattern: &str, vt: ValueType, text: &str) -> Option<String> {
        let re = Regex::new(&expand(pattern, vt)).unwrap();
        re.captures(text).and_then(|c| c.name("value")).map(|m| m.as_str().to_string())
    }

    #[test]
    fn number_placeholder_becomes_the_value() {
        assert_eq!(
            capture("launched {number} satellites", ValueType::Number, "It launched 1,200 satellites."),
            Some("1,200".into())
        );
        assert_eq!(
            capture("launched {number} satellites", ValueType::Number, "It launched seven satellites."),
            Some("seven".into())
        );
    }

    #[test]
    fn date_placeholder_and_plain_braces() {
        assert_eq!(
            capture(r"opened on {date}", ValueType::Date, "The bridge opened on 4 October 2019."),
            Some("4 October 2019".into())
        );
        assert_eq!(
            capture(r"opened on {date}", ValueType::Date, "The bridge opened on October 4, 2019."),
            Some("October 4, 2019".into())
        );
        assert_eq!(capture(r"code (?P<value>\d{4})", ValueType::Text, "code 1234"), Some("1234".into()));
    }

    #[test]
    fn the_typed_placeholder_wins() {
        assert_eq!(
            capture("{name} was born on {date}", ValueType::Date, "Ada Lovelace was born on 10 December 1815"),
            Some("10 December 1815".into())
        );
        assert_eq!(
            capture("{name} was born on {date}", ValueType::Name, "Ada Lovelace was born on 10 December 1815"),
            Some("Ada Lovelace".into())
        );
    }
}
