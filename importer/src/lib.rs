//! Converts the public-domain congress-legislators data
//! (`legislators-current.json`, github.com/unitedstates/congress-legislators)
//! into the widget's recipients list. The `import-legislators` command is a
//! thin wrapper around [`run`]; everything it decides is here and unit-tested.

use letter_engine::recipients::{is_web_address, Recipient, RecipientList};
use serde::Deserialize;
use std::fmt;

/// Where the data comes from, recorded in the list's `source`.
pub const SOURCE: &str = "congress-legislators legislators-current.json (public domain), https://github.com/unitedstates/congress-legislators";

/// How to run the command, printed with `--help` and after a usage error.
pub const USAGE: &str = "\
Usage: import-legislators LEGISLATORS_JSON --chamber senate|house|all [--data-date YYYY-MM-DD]

Converts congress-legislators' legislators-current.json into a Letter Widget
recipients list (JSON, on standard output).

  LEGISLATORS_JSON   path to legislators-current.json, from
                     https://unitedstates.github.io/congress-legislators/legislators-current.json
  --chamber          senate, house (representatives, delegates and the resident
                     commissioner), or all
  --data-date        the date to record as data_date; by default, the latest
                     start date of any member's current term in the file

Example:
  cargo run --bin import-legislators -- legislators-current.json --chamber senate > senators.json";

/// Which members to import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chamber {
    /// Senators (terms of type `sen`).
    Senate,
    /// Representatives, delegates and the resident commissioner (type `rep`).
    House,
    /// Both.
    All,
}

impl Chamber {
    /// Reads `senate`, `house` or `all` (case-insensitively).
    pub fn parse(s: &str) -> Option<Chamber> {
        match s.to_ascii_lowercase().as_str() {
            "senate" => Some(Chamber::Senate),
            "house" => Some(Chamber::House),
            "all" => Some(Chamber::All),
            _ => None,
        }
    }

    fn includes(self, kind: Kind) -> bool {
        matches!(
            (self, kind),
            (Chamber::All, _) | (Chamber::Senate, Kind::Senate) | (Chamber::House, Kind::House)
        )
    }
}

/// The command line, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Args {
    /// Path of `legislators-current.json`.
    pub path: String,
    /// Which members to import.
    pub chamber: Chamber,
    /// `--data-date`, overriding the date read from the data.
    pub data_date: Option<String>,
}

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Import as [`Args`] say.
    Import(Args),
    /// Print [`USAGE`] and stop.
    Help,
}

/// Parses the arguments after the program name. An `Err` is a usage mistake,
/// explained in words; the command prints it with [`USAGE`] and exits with 2.
pub fn parse_args(args: &[String]) -> Result<Command, String> {
    let mut path = None;
    let mut chamber = None;
    let mut data_date = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        // Accept `--chamber=senate` as well as `--chamber senate`.
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next().cloned())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag {
            "-h" | "--help" => return Ok(Command::Help),
            "--chamber" => {
                let given = value("--chamber")?;
                chamber = Some(Chamber::parse(&given).ok_or_else(|| {
                    format!("--chamber must be senate, house or all, not {given:?}")
                })?);
            }
            "--data-date" => {
                let given = value("--data-date")?;
                if !is_iso_date(&given) {
                    return Err(format!(
                        "--data-date must be a date written YYYY-MM-DD, not {given:?}"
                    ));
                }
                data_date = Some(given);
            }
            _ if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option {flag:?}"));
            }
            _ if path.is_some() => {
                return Err(format!(
                    "one input file only; {arg:?} is a second (did you mean --chamber {arg}?)"
                ));
            }
            _ => path = Some(arg.clone()),
        }
    }
    let path = path.ok_or("give the path of legislators-current.json")?;
    let chamber = chamber.ok_or("say which members to import: --chamber senate, house or all")?;
    Ok(Command::Import(Args {
        path,
        chamber,
        data_date,
    }))
}

/// Why the data could not be converted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError(pub String);

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImportError {}

/// A converted list, and what the organiser should know about it (members
/// left without a contact address, unusable URLs in the data).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    /// The recipients list, already validated.
    pub list: RecipientList,
    /// One line per oddity in the data, for standard error.
    pub warnings: Vec<String>,
}

/// Runs the command for `args` on the file contents `json`: the recipients
/// list as pretty JSON (ending in a newline), and the warnings.
pub fn run(args: &Args, json: &str) -> Result<(String, Vec<String>), ImportError> {
    let mut import = import(json, args.chamber)?;
    if let Some(date) = &args.data_date {
        import.list.data_date = Some(date.clone());
    }
    let mut out = serde_json::to_string_pretty(&import.list)
        .map_err(|e| ImportError(format!("could not write the list: {e}")))?;
    out.push('\n');
    Ok((out, import.warnings))
}

/// Converts `legislators-current.json` into a recipients list of `chamber`.
///
/// - A member's current term is the last entry of `terms`.
/// - `id` is the member's bioguide id: stable across terms, so a reader's
///   "sent" checklist survives a refreshed list.
/// - `greeting` is "Senator {last}" or "Representative {last}"; the
///   non-voting members are "Delegate {last}" (DC and the territories) and
///   "Resident Commissioner {last}" (Puerto Rico), as they are addressed.
/// - `group` is the state code, `group_name` its name ([`state_name`]).
/// - `contact_url` is the term's `contact_form` if it is an http(s) address,
///   else its `url` if that is one, else none (with a warning).
/// - `office_address` is the chamber, then the address split before
///   "Washington DC" into lines, ready for an envelope.
/// - Recipients are sorted by state code, senators before representatives,
///   then by district, last name, first name and id: the same file always
///   gives the same output.
/// - `data_date` is the latest `start` of any member's current term in the
///   whole file (whatever `chamber`): the file was current on that day at
///   the earliest, and it depends on the contents alone, unlike the file's
///   modification time, which changes with every download or checkout.
pub fn import(json: &str, chamber: Chamber) -> Result<Import, ImportError> {
    let members: Vec<Member> = serde_json::from_str(json).map_err(|e| {
        ImportError(format!(
            "this is not a congress-legislators legislators-current.json file: {e}"
        ))
    })?;
    let mut warnings = Vec::new();
    let mut rows = Vec::new();
    let mut data_date: Option<&str> = None;
    for (index, member) in members.iter().enumerate() {
        let Some(term) = member.terms.last() else {
            warnings.push(format!(
                "skipped member {} ({}): no terms",
                index + 1,
                member.id.bioguide
            ));
            continue;
        };
        if is_iso_date(&term.start) && data_date.is_none_or(|d| term.start.as_str() > d) {
            data_date = Some(&term.start);
        }
        let kind = match term.kind.as_str() {
            "sen" => Kind::Senate,
            "rep" => Kind::House,
            other => {
                warnings.push(format!(
                    "skipped {}: unknown term type {other:?}",
                    member.id.bioguide
                ));
                continue;
            }
        };
        if chamber.includes(kind) {
            rows.push(convert(member, term, kind, &mut warnings)?);
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let list = RecipientList {
        recipients: rows.into_iter().map(|(_, r)| r).collect(),
        data_date: data_date.map(str::to_owned),
        source: Some(SOURCE.to_owned()),
    };
    // The widget would refuse an invalid list; better to say so here.
    list.validate()
        .map_err(|e| ImportError(format!("the converted list is not valid: {e}")))?;
    Ok(Import { list, warnings })
}

/// The order of recipients: state, chamber, district, last and first name, id.
type SortKey = (String, Kind, i64, String, String, String);

fn convert(
    member: &Member,
    term: &Term,
    kind: Kind,
    warnings: &mut Vec<String>,
) -> Result<(SortKey, Recipient), ImportError> {
    let id = member.id.bioguide.trim();
    if id.is_empty() {
        return Err(ImportError(format!(
            "member {} {} has no bioguide id",
            member.name.first, member.name.last
        )));
    }
    let name = member.name.official_full.clone().unwrap_or_else(|| {
        let mut name = format!("{} {}", member.name.first, member.name.last);
        if let Some(suffix) = &member.name.suffix {
            name = format!("{name} {suffix}");
        }
        name
    });
    let last = &member.name.last;
    let state = term.state.as_str();
    let (title, greeting) = title_and_greeting(kind, state, term.district, last);
    let group_name = state_name(state);
    if group_name.is_none() {
        warnings.push(format!(
            "{id} ({name}): unknown state code {state:?}, shown as is"
        ));
    }
    let contact_url = contact_url(term, id, &name, warnings);
    let office_address = term
        .address
        .as_deref()
        .map(|address| envelope_address(kind, address));
    let key = (
        state.to_owned(),
        kind,
        term.district.unwrap_or(0),
        last.clone(),
        member.name.first.clone(),
        id.to_owned(),
    );
    Ok((
        key,
        Recipient {
            id: id.to_owned(),
            name,
            title,
            greeting,
            group: state.to_owned(),
            group_name: group_name.map(str::to_owned),
            email: None,
            contact_url,
            phone: term.phone.clone().filter(|p| !p.trim().is_empty()),
            office_address,
            max_length: None,
        },
    ))
}

/// A member's title and how a letter greets them: senators, representatives
/// (at large or by district), delegates and Puerto Rico's resident commissioner.
fn title_and_greeting(
    kind: Kind,
    state: &str,
    district: Option<i64>,
    last: &str,
) -> (String, String) {
    match kind {
        Kind::Senate => ("U.S. Senator".to_owned(), format!("Senator {last}")),
        Kind::House => match (state, district) {
            ("PR", _) => (
                "Resident Commissioner".to_owned(),
                format!("Resident Commissioner {last}"),
            ),
            (_, _) if !is_state(state) => (
                "Delegate to the U.S. House".to_owned(),
                format!("Delegate {last}"),
            ),
            (_, Some(0)) => (
                "U.S. Representative, at large".to_owned(),
                format!("Representative {last}"),
            ),
            (_, Some(d)) => (
                format!("U.S. Representative, district {d}"),
                format!("Representative {last}"),
            ),
            (_, None) => (
                "U.S. Representative".to_owned(),
                format!("Representative {last}"),
            ),
        },
    }
}

/// The contact form if it is a web address, else the website, else none;
/// the data has held typos such as `hhttps://`, which must not reach readers.
fn contact_url(term: &Term, id: &str, name: &str, warnings: &mut Vec<String>) -> Option<String> {
    let mut candidates = [("contact_form", &term.contact_form), ("url", &term.url)]
        .into_iter()
        .filter_map(|(key, value)| value.as_deref().map(|v| (key, v)));
    let found = candidates.find(|&(key, url)| {
        let ok = is_web_address(url);
        if !ok {
            warnings.push(format!(
                "{id} ({name}): {key} {url:?} is not an http(s) address, not used"
            ));
        }
        ok
    });
    if found.is_none() {
        warnings.push(format!("{id} ({name}): no contact form or website"));
    }
    found.map(|(_, url)| url.to_owned())
}

/// "511 Hart Senate Office Building Washington DC 20510" becomes
/// "United States Senate\n511 Hart Senate Office Building\nWashington, DC 20510",
/// the way an envelope is addressed below the recipient's name.
fn envelope_address(kind: Kind, address: &str) -> String {
    let chamber = match kind {
        Kind::Senate => "United States Senate",
        Kind::House => "United States House of Representatives",
    };
    let address = address.trim();
    let lines = match address.rfind(" Washington") {
        Some(at) => {
            let street = address[..at].trim_end_matches([' ', ',']);
            let city = address[at..]
                .trim()
                .replacen("Washington DC", "Washington, DC", 1);
            format!("{street}\n{city}")
        }
        None => address.to_owned(),
    };
    format!("{chamber}\n{lines}")
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Which chamber a term is in; senators sort first within a state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Senate,
    House,
}

/// The parts of a member's record the importer reads (serde skips the rest).
#[derive(Deserialize)]
struct Member {
    id: MemberIds,
    name: MemberName,
    terms: Vec<Term>,
}

#[derive(Deserialize)]
struct MemberIds {
    bioguide: String,
}

#[derive(Deserialize)]
struct MemberName {
    first: String,
    last: String,
    #[serde(default)]
    suffix: Option<String>,
    #[serde(default)]
    official_full: Option<String>,
}

#[derive(Deserialize)]
struct Term {
    #[serde(rename = "type")]
    kind: String,
    start: String,
    state: String,
    /// 0 for at-large seats and the non-voting members.
    #[serde(default)]
    district: Option<i64>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    contact_form: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    address: Option<String>,
}

/// The 50 states, then DC and the territories that send a delegate or the
/// resident commissioner to the House, by USPS code.
pub const STATES: &[(&str, &str)] = &[
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
    ("DC", "District of Columbia"),
    ("AS", "American Samoa"),
    ("GU", "Guam"),
    ("MP", "Northern Mariana Islands"),
    ("PR", "Puerto Rico"),
    ("VI", "U.S. Virgin Islands"),
];

/// How many entries of [`STATES`] are states (the rest are DC and territories).
pub const STATE_COUNT: usize = 50;

/// The full name of a state, DC or territory from its USPS code ("IN" -> "Indiana").
pub fn state_name(code: &str) -> Option<&'static str> {
    STATES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
}

/// Whether `code` is one of the 50 states (which have senators and voting
/// representatives), rather than DC or a territory.
pub fn is_state(code: &str) -> bool {
    STATES[..STATE_COUNT].iter().any(|(c, _)| *c == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    /// A senator, an at-large representative, a delegate, and the resident
    /// commissioner, written the way the real file writes them.
    const SAMPLE: &str = r#"[
      {"id": {"bioguide": "R000001"}, "name": {"first": "Ann", "last": "Rep", "official_full": "Ann B. Rep"},
       "terms": [{"type": "rep", "start": "2025-01-03", "state": "WY", "district": 0,
                  "url": "https://rep.house.gov", "phone": "202-225-2311",
                  "address": "1 Cannon House Office Building Washington DC 20515-5000"}]},
      {"id": {"bioguide": "S000001"}, "name": {"first": "Sam", "last": "Sen", "suffix": "Jr."},
       "terms": [{"type": "rep", "start": "2001-01-03", "state": "WY", "district": 0},
                 {"type": "sen", "start": "2023-01-03", "state": "WY", "url": "https://sen.senate.gov",
                  "contact_form": "hhttps://sen.senate.gov/contact", "phone": "202-224-3424",
                  "address": "479A Russell Senate Office Building Washington DC 20510"}]},
      {"id": {"bioguide": "D000001"}, "name": {"first": "Del", "last": "Egate"},
       "terms": [{"type": "rep", "start": "2026-06-10", "state": "DC", "district": 0}]},
      {"id": {"bioguide": "P000001"}, "name": {"first": "Pablo", "last": "Comisionado"},
       "terms": [{"type": "rep", "start": "2025-01-03", "state": "PR", "district": 0,
                  "contact_form": "https://pr.house.gov/contact"}]}
    ]"#;

    #[test]
    fn chamber_selects_members_by_their_last_term() {
        let ids = |chamber| -> Vec<String> {
            import(SAMPLE, chamber)
                .unwrap()
                .list
                .recipients
                .into_iter()
                .map(|r| r.id)
                .collect()
        };
        // S000001 was once a representative; only the last term counts.
        assert_eq!(ids(Chamber::Senate), ["S000001"]);
        assert_eq!(ids(Chamber::House), ["D000001", "P000001", "R000001"]);
        assert_eq!(
            ids(Chamber::All),
            ["D000001", "P000001", "S000001", "R000001"]
        );
    }

    #[test]
    fn members_are_converted_for_the_letter_and_the_envelope() {
        let list = import(SAMPLE, Chamber::All).unwrap().list;
        let by_id = |id: &str| list.recipients.iter().find(|r| r.id == id).unwrap();

        let sen = by_id("S000001");
        assert_eq!(sen.name, "Sam Sen Jr.");
        assert_eq!(sen.title, "U.S. Senator");
        assert_eq!(sen.greeting, "Senator Sen");
        assert_eq!(
            (sen.group.as_str(), sen.group_name.as_deref()),
            ("WY", Some("Wyoming"))
        );
        assert_eq!(sen.phone.as_deref(), Some("202-224-3424"));
        assert_eq!(
            sen.office_address.as_deref(),
            Some("United States Senate\n479A Russell Senate Office Building\nWashington, DC 20510")
        );

        let rep = by_id("R000001");
        assert_eq!(rep.name, "Ann B. Rep");
        assert_eq!(rep.title, "U.S. Representative, at large");
        assert_eq!(rep.greeting, "Representative Rep");
        assert_eq!(
            rep.office_address.as_deref(),
            Some("United States House of Representatives\n1 Cannon House Office Building\nWashington, DC 20515-5000")
        );

        let del = by_id("D000001");
        assert_eq!(
            (del.title.as_str(), del.greeting.as_str()),
            ("Delegate to the U.S. House", "Delegate Egate")
        );
        assert_eq!(del.group_name.as_deref(), Some("District of Columbia"));
        assert_eq!(
            (del.phone.as_ref(), del.office_address.as_ref()),
            (None, None)
        );

        let rc = by_id("P000001");
        assert_eq!(rc.greeting, "Resident Commissioner Comisionado");
    }

    #[test]
    fn contact_form_is_preferred_but_only_if_it_is_a_web_address() {
        let import = import(SAMPLE, Chamber::All).unwrap();
        let url = |id: &str| {
            import
                .list
                .recipients
                .iter()
                .find(|r| r.id == id)
                .unwrap()
                .contact_url
                .clone()
        };
        assert_eq!(
            url("P000001").as_deref(),
            Some("https://pr.house.gov/contact")
        );
        // "hhttps://" in the data falls back to the website, with a warning.
        assert_eq!(url("S000001").as_deref(), Some("https://sen.senate.gov"));
        assert_eq!(url("R000001").as_deref(), Some("https://rep.house.gov"));
        assert_eq!(url("D000001"), None);
        let warnings = import.warnings.join("\n");
        assert!(warnings.contains(r#"S000001 (Sam Sen Jr.): contact_form "hhttps://sen.senate.gov/contact" is not an http(s) address"#), "{warnings}");
        assert!(
            warnings.contains("D000001 (Del Egate): no contact form or website"),
            "{warnings}"
        );
    }

    #[test]
    fn data_date_is_the_latest_current_term_start_in_the_whole_file() {
        // D000001's 2026-06-10 counts even when only senators are imported.
        let list = import(SAMPLE, Chamber::Senate).unwrap().list;
        assert_eq!(list.data_date.as_deref(), Some("2026-06-10"));
        assert_eq!(list.source.as_deref(), Some(SOURCE));
    }

    #[test]
    fn data_date_can_be_given() {
        let args = Args {
            path: "x".into(),
            chamber: Chamber::Senate,
            data_date: Some("2026-07-01".into()),
        };
        let (out, _) = run(&args, SAMPLE).unwrap();
        assert!(out.contains(r#""data_date": "2026-07-01""#), "{out}");
        assert!(out.ends_with("}\n"));
    }

    #[test]
    fn run_output_is_a_valid_recipients_list() {
        for chamber in [Chamber::Senate, Chamber::House, Chamber::All] {
            let args = Args {
                path: "x".into(),
                chamber,
                data_date: None,
            };
            let (out, _) = run(&args, SAMPLE).unwrap();
            let list = letter_engine::recipients::parse_recipients(&out).unwrap();
            assert_eq!(list, import(SAMPLE, chamber).unwrap().list);
        }
    }

    #[test]
    fn a_file_of_another_shape_is_refused_plainly() {
        let err = import(r#"{"recipients": []}"#, Chamber::All).unwrap_err();
        assert!(
            err.0.starts_with("this is not a congress-legislators"),
            "{err}"
        );
        let err = import(
            r#"[{"id": {}, "name": {"first": "a", "last": "b"}, "terms": []}]"#,
            Chamber::All,
        )
        .unwrap_err();
        assert!(err.0.contains("missing field `bioguide`"), "{err}");
    }

    #[test]
    fn no_members_of_the_chamber_is_an_error_not_an_empty_list() {
        let err = import("[]", Chamber::Senate).unwrap_err();
        assert!(err.0.contains("no recipients"), "{err}");
    }

    #[test]
    fn envelope_address_keeps_unusual_addresses_whole() {
        assert_eq!(
            envelope_address(Kind::House, "PO Box 1, Hagåtña GU 96910"),
            "United States House of Representatives\nPO Box 1, Hagåtña GU 96910"
        );
    }

    #[test]
    fn state_table_covers_states_dc_and_territories() {
        assert_eq!(STATES.len(), 56);
        assert_eq!(state_name("IN"), Some("Indiana"));
        assert_eq!(state_name("VI"), Some("U.S. Virgin Islands"));
        assert_eq!(state_name("XX"), None);
        assert!(is_state("WY") && !is_state("DC") && !is_state("PR"));
        let mut codes: Vec<&str> = STATES.iter().map(|(c, _)| *c).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), STATES.len(), "codes are unique");
    }

    #[test]
    fn arguments_are_parsed() {
        let parsed = parse_args(&strings(&["f.json", "--chamber", "senate"])).unwrap();
        assert_eq!(
            parsed,
            Command::Import(Args {
                path: "f.json".into(),
                chamber: Chamber::Senate,
                data_date: None
            })
        );
        let parsed = parse_args(&strings(&[
            "--chamber=ALL",
            "--data-date",
            "2026-01-02",
            "f.json",
        ]))
        .unwrap();
        assert_eq!(
            parsed,
            Command::Import(Args {
                path: "f.json".into(),
                chamber: Chamber::All,
                data_date: Some("2026-01-02".into())
            })
        );
        assert_eq!(
            parse_args(&strings(&["f.json", "--help"])).unwrap(),
            Command::Help
        );
    }

    #[test]
    fn usage_mistakes_are_explained() {
        let err = |args: &[&str]| parse_args(&strings(args)).unwrap_err();
        assert!(err(&[]).contains("path of legislators-current.json"));
        assert!(err(&["f.json"]).contains("--chamber senate, house or all"));
        assert!(err(&["f.json", "--chamber"]).contains("--chamber needs a value"));
        assert!(err(&["f.json", "--chamber", "senators"]).contains(r#"not "senators""#));
        assert!(err(&["f.json", "senate"]).contains("did you mean --chamber senate?"));
        assert!(err(&["f.json", "--chamber", "house", "-x"]).contains(r#"unknown option "-x""#));
        assert!(err(&["f.json", "--chamber", "all", "--data-date", "June"]).contains("YYYY-MM-DD"));
    }
}
