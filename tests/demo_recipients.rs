//! The demo page's fictional recipients list (`demo/recipients.json`) is one
//! the widget accepts, and shows every part of the reader's flow.

use letter_widget::recipients::parse_recipients;

const DEMO: &str = include_str!("../demo/recipients.json");

#[test]
fn demo_list_is_valid() {
    let list = parse_recipients(DEMO).unwrap_or_else(|e| panic!("demo/recipients.json: {e}"));
    assert_eq!(
        list.groups(),
        [
            ("NR".to_owned(), "Northreach".to_owned()),
            ("SV".to_owned(), "Silver Valley".to_owned())
        ]
    );
    assert!(list.data_date.is_some() && list.source.is_some());
}

#[test]
fn demo_list_exercises_the_whole_flow_with_invented_contacts() {
    let list = parse_recipients(DEMO).unwrap();
    // Two recipients in one region, so personalised copies can be compared.
    assert_eq!(list.in_group("NR").len(), 3);
    assert_eq!(list.in_group("SV").len(), 2);
    // A per-recipient limit, an email-only recipient, an address to print.
    assert!(list.recipients.iter().any(|r| r.max_length.is_some()));
    assert!(list.recipients.iter().any(|r| r.max_length.is_none()));
    assert!(list
        .recipients
        .iter()
        .any(|r| r.contact_url.is_none() && r.email.is_some()));
    assert!(list.recipients.iter().all(|r| r.office_address.is_some()));
    // Nothing real: example.org addresses and 555-01xx numbers, which are
    // reserved for fiction.
    for r in &list.recipients {
        if let Some(url) = &r.contact_url {
            assert!(
                url.starts_with("https://") && url.contains(".example.org/"),
                "{url}"
            );
        }
        if let Some(email) = &r.email {
            assert!(email.ends_with(".example.org"), "{email}");
        }
        let phone = r.phone.as_deref().unwrap();
        assert!(phone.contains("555-01"), "{phone}");
    }
}
