//! The importer on the shared copy of the congress-legislators data
//! (`../shared/data/legislators-current.json`, next to the repository; it is
//! public domain but large and changes, so it is not committed here).

use legislators::{import, is_state, run, Args, Chamber, STATES, STATE_COUNT};
use letter_engine::recipients::{is_web_address, parse_recipients, Recipient, RecipientList};
use std::collections::{BTreeMap, HashSet};
use std::process::Command;

const DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/data/legislators-current.json"
);

fn data() -> String {
    std::fs::read_to_string(DATA).unwrap_or_else(|e| {
        panic!("cannot read {DATA} ({e}); the tests expect the shared data next to the repository")
    })
}

fn list(chamber: Chamber) -> RecipientList {
    import(&data(), chamber).unwrap().list
}

fn count_by_group(recipients: &[Recipient]) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for r in recipients {
        *counts.entry(r.group.as_str()).or_default() += 1;
    }
    counts
}

#[test]
fn senate_has_100_senators() {
    let senate = list(Chamber::Senate);
    assert_eq!(senate.recipients.len(), 100);
    assert!(senate
        .recipients
        .iter()
        .all(|r| r.greeting.starts_with("Senator ")));
}

#[test]
fn every_state_has_exactly_two_senators() {
    let senate = list(Chamber::Senate);
    let counts = count_by_group(&senate.recipients);
    let states: Vec<&str> = STATES[..STATE_COUNT]
        .iter()
        .map(|(code, _)| *code)
        .collect();
    assert_eq!(counts.len(), 50, "{counts:?}");
    for state in states {
        assert_eq!(counts.get(state), Some(&2), "{state}");
    }
    // And the reader picks from 50 named states.
    let groups = senate.groups();
    assert_eq!(groups.len(), 50);
    assert!(groups
        .iter()
        .all(|(code, name)| is_state(code) && name != code));
    assert_eq!(senate.in_group("IN").len(), 2);
}

#[test]
fn every_contact_url_is_http_or_https() {
    let all = list(Chamber::All);
    let mut with_url = 0;
    for r in &all.recipients {
        if let Some(url) = &r.contact_url {
            let lower = url.to_ascii_lowercase();
            assert!(
                (lower.starts_with("https://") || lower.starts_with("http://"))
                    && is_web_address(url),
                "{}: {url}",
                r.id
            );
            with_url += 1;
        }
    }
    // Every senator has a contact address; one representative, sworn in
    // days before the data's date, has no website in it yet.
    assert!(list(Chamber::Senate)
        .recipients
        .iter()
        .all(|r| r.contact_url.is_some()));
    assert_eq!(with_url, all.recipients.len() - 1);
}

#[test]
fn a_contact_form_typo_in_the_data_falls_back_to_the_website() {
    // The data gives Randy Fine's contact form as "hhttps://fine.house.gov/...".
    let import = import(&data(), Chamber::House).unwrap();
    let fine = import
        .list
        .recipients
        .iter()
        .find(|r| r.id == "F000484")
        .unwrap();
    assert_eq!(fine.contact_url.as_deref(), Some("https://fine.house.gov"));
    assert!(import
        .warnings
        .iter()
        .any(|w| w.contains("hhttps://fine.house.gov")));
}

#[test]
fn house_has_431_voting_representatives_and_6_non_voting_members() {
    let house = list(Chamber::House);
    let (voting, non_voting): (Vec<&Recipient>, Vec<&Recipient>) =
        house.recipients.iter().partition(|r| is_state(&r.group));
    // 435 seats, four of them vacant in this copy of the data (CA-14, FL-20,
    // GA-13 and TX-23 are missing between their states' other districts).
    assert_eq!(voting.len(), 431);
    assert!(voting
        .iter()
        .all(|r| r.greeting.starts_with("Representative ")));
    // Every state has at least one representative, and no seat is held twice.
    let counts = count_by_group(&house.recipients);
    assert!(STATES[..STATE_COUNT]
        .iter()
        .all(|(code, _)| counts.contains_key(code)));
    let seats: HashSet<(&str, &str)> = voting
        .iter()
        .map(|r| (r.group.as_str(), r.title.as_str()))
        .collect();
    assert_eq!(seats.len(), voting.len());
    // DC and four territories send a delegate, Puerto Rico a resident commissioner.
    let mut places: Vec<&str> = non_voting.iter().map(|r| r.group.as_str()).collect();
    places.sort();
    assert_eq!(places, ["AS", "DC", "GU", "MP", "PR", "VI"]);
    assert!(non_voting
        .iter()
        .all(|r| r.greeting.starts_with("Delegate ")
            || r.greeting.starts_with("Resident Commissioner ")));
    assert_eq!(house.recipients.len(), 437);
}

#[test]
fn all_is_senate_plus_house() {
    let all = list(Chamber::All);
    let senate = list(Chamber::Senate);
    let house = list(Chamber::House);
    assert_eq!(
        all.recipients.len(),
        senate.recipients.len() + house.recipients.len()
    );
    let ids = |l: &RecipientList| {
        l.recipients
            .iter()
            .map(|r| r.id.clone())
            .collect::<HashSet<_>>()
    };
    let both: HashSet<String> = ids(&senate).union(&ids(&house)).cloned().collect();
    assert_eq!(ids(&all), both);
    // Within a state, senators come first.
    let indiana: Vec<&str> = all
        .in_group("IN")
        .iter()
        .map(|r| r.title.as_str())
        .collect();
    assert_eq!(
        &indiana[..3],
        [
            "U.S. Senator",
            "U.S. Senator",
            "U.S. Representative, district 1"
        ]
    );
}

#[test]
fn output_is_a_valid_recipients_list_and_deterministic() {
    let json = data();
    for chamber in [Chamber::Senate, Chamber::House, Chamber::All] {
        let args = Args {
            path: DATA.into(),
            chamber,
            data_date: None,
        };
        let (out, _) = run(&args, &json).unwrap();
        let parsed = parse_recipients(&out).unwrap_or_else(|e| panic!("{chamber:?}: {e}"));
        assert_eq!(parsed, list(chamber));
        assert_eq!(parsed.data_date.as_deref(), Some("2026-06-10"));
        assert_eq!(run(&args, &json).unwrap().0, out, "same input, same output");
    }
}

#[test]
fn the_command_writes_the_list_to_stdout_and_explains_usage_mistakes() {
    let bin = env!("CARGO_BIN_EXE_import-legislators");
    let out = Command::new(bin)
        .args([DATA, "--chamber", "senate"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["recipients"].as_array().unwrap().len(), 100);

    let out = Command::new(bin).arg(DATA).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--chamber senate, house or all") && stderr.contains("Usage:"),
        "{stderr}"
    );

    let out = Command::new(bin)
        .args(["/nonexistent.json", "--chamber", "all"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}
