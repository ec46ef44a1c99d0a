//! Every word the widget says to a reader or an organiser, in one place, so
//! that a translation is one more `Strings` value.
//!
//! Placeholders in braces (`{n}`, `{total}`, `{names}`) are filled by
//! [`fill`]; everything else is plain text.

/// The widget's own words in one language.
#[derive(Debug)]
pub struct Strings {
    /// Language tag this table is for.
    pub lang: &'static str,
    /// Text direction: "ltr" or "rtl".
    pub dir: &'static str,
    pub fields_heading: &'static str,
    pub letter_label: &'static str,
    pub letter_hint: &'static str,
    pub required_marker: &'static str,
    pub optional_marker: &'static str,
    /// `{filled}` of `{total}`.
    pub progress: &'static str,
    pub all_filled: &'static str,
    pub still_empty: &'static str,
    /// `{n}` characters of `{max}`.
    pub meter: &'static str,
    /// `{n}` characters (no limit set).
    pub meter_no_limit: &'static str,
    /// `{left}` characters left.
    pub meter_near: &'static str,
    /// `{over}` characters too many.
    pub meter_over: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub download: &'static str,
    pub downloaded: &'static str,
    pub email: &'static str,
    /// Shown when the letter is too long for a mailto link.
    pub email_too_long: &'static str,
    pub print: &'static str,
    pub share: &'static str,
    pub start_over: &'static str,
    pub start_over_confirm: &'static str,
    pub start_over_yes: &'static str,
    pub cancel: &'static str,
    pub cleared: &'static str,
    pub undo: &'static str,
    /// `{names}` are the blanks still empty.
    pub warn_empty: &'static str,
    pub go_to: &'static str,
    pub continue_anyway: &'static str,
    pub saved: &'static str,
    pub saving: &'static str,
    pub restored: &'static str,
    pub cannot_save: &'static str,
    pub storage_full: &'static str,
    /// Corrupt data was kept aside under another key.
    pub corrupt_kept: &'static str,
    pub newer_draft: &'static str,
    pub template_changed: &'static str,
    pub keep_mine: &'static str,
    pub use_updated: &'static str,
    pub other_tab: &'static str,
    pub use_other_tab: &'static str,
    pub remember_me: &'static str,
    pub remember_hint: &'static str,
    pub forget_me: &'static str,
    pub forgotten: &'static str,
    pub error_heading: &'static str,
    pub error_fix_hint: &'static str,
    pub loading: &'static str,
    pub actions_label: &'static str,
    pub recipients_heading: &'static str,
    pub region_label: &'static str,
    pub choose_region: &'static str,
    /// `{date}` the recipients list was current.
    pub list_date: &'static str,
    /// `{who}` is the recipient's greeting.
    pub copy_open: &'static str,
    /// `{who}`: for a recipient without a contact form.
    pub copy_for: &'static str,
    pub copied_open: &'static str,
    /// `{who}`.
    pub email_to: &'static str,
    /// `{who}`.
    pub print_for: &'static str,
    pub phone: &'static str,
    pub mark_sent: &'static str,
}

/// English, the default.
pub static EN: Strings = Strings {
    lang: "en",
    dir: "ltr",
    fields_heading: "Fill in the blanks",
    letter_label: "Your letter",
    letter_hint: "Edit any part of the letter. Your answers above keep flowing into it.",
    required_marker: "required",
    optional_marker: "optional",
    progress: "{filled} of {total} blanks filled",
    all_filled: "All blanks filled",
    still_empty: "Still empty:",
    meter: "{n} of {max} characters",
    meter_no_limit: "{n} characters",
    meter_near: "{left} characters left",
    meter_over: "{over} characters over the limit. Shorten the letter before you send it.",
    copy: "Copy letter",
    copied: "Letter copied. Paste it into the form or your email.",
    copy_failed: "Couldn't copy. Select the letter and copy it yourself.",
    download: "Download",
    downloaded: "Letter downloaded.",
    email: "Email",
    email_too_long: "The letter is too long for an email link, so it was copied instead. Paste it into your email.",
    print: "Print",
    share: "Share",
    start_over: "Start over",
    start_over_confirm: "Clear your answers and edits and start from the original letter?",
    start_over_yes: "Yes, start over",
    cancel: "Cancel",
    cleared: "Started over.",
    undo: "Undo",
    warn_empty: "Still empty: {names}.",
    go_to: "Go to",
    continue_anyway: "Continue anyway",
    saved: "Draft saved in this browser",
    saving: "Saving…",
    restored: "Draft restored",
    cannot_save: "Can't save drafts in this browser — copy your letter before you leave",
    storage_full: "This browser's storage is full, so your draft isn't saved — copy your letter before you leave",
    corrupt_kept: "An earlier draft couldn't be read. It has been kept aside, and you're starting fresh.",
    newer_draft: "Your draft was saved by a newer version of this widget. It has been kept aside, and you're starting fresh.",
    template_changed: "The organiser has updated this letter since you started. Your letter is kept.",
    keep_mine: "Keep my letter",
    use_updated: "Use the updated letter",
    other_tab: "Your letter was changed in another tab.",
    use_other_tab: "Use that version",
    remember_me: "Remember my details for other letters on this site",
    remember_hint: "Saved only in this browser.",
    forget_me: "Forget me",
    forgotten: "Everything this widget stored in this browser has been erased.",
    error_heading: "This letter can't be shown",
    error_fix_hint: "For the organiser:",
    loading: "Loading letter…",
    actions_label: "Send your letter",
    recipients_heading: "Send it to your representatives",
    region_label: "Where you live",
    choose_region: "Choose…",
    list_date: "List current as of {date}.",
    copy_open: "Copy letter for {who} and open their contact form",
    copy_for: "Copy letter for {who}",
    copied_open: "Letter copied. Paste it into the contact form in the new tab, then mark it as sent here.",
    email_to: "Email {who}",
    print_for: "Print for {who}",
    phone: "Phone:",
    mark_sent: "Mark as sent",
};

/// Fills `{name}` placeholders in `template` with the given values.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_every_named_placeholder() {
        assert_eq!(
            fill(EN.progress, &[("filled", "3"), ("total", "5")]),
            "3 of 5 blanks filled"
        );
    }

    #[test]
    fn fill_leaves_unknown_placeholders_alone() {
        assert_eq!(fill("{a} {b}", &[("a", "x")]), "x {b}");
    }
}
