//! English: the default, compiled into the widget, and the reference. This
//! file declares every entry a translation has (its key, what it is for,
//! and the English text); `strings/<tag>.json` files give the same keys in
//! other languages.

strings! {
    /// Language tag this table is for.
    lang = "en",
    /// Text direction: "ltr" or "rtl".
    dir = "ltr",
    fields_heading = "Fill in the blanks",
    letter_label = "Your letter",
    letter_hint = "Edit any part of the letter. Your answers above keep flowing into it.",
    /// Above the organiser's notes to the sender, which the letter leaves out.
    notes_heading = "Notes from the letter's author (left out of your letter):",
    required_marker = "required",
    optional_marker = "optional",
    /// `{filled}` of `{total}`.
    progress = "{filled} of {total} blanks filled",
    all_filled = "All blanks filled",
    still_empty = "Still empty:",
    /// `{n}` characters of `{max}`.
    meter = "{n} of {max} characters",
    /// `{n}` characters (no limit set).
    meter_no_limit = "{n} characters",
    /// `{left}` characters left.
    meter_near = "{left} characters left",
    /// `{over}` characters too many.
    meter_over = "{over} characters over the limit. Shorten the letter before you send it.",
    copy = "Copy letter",
    copied = "Letter copied. Paste it into the form or your email.",
    copy_failed = "Couldn't copy. Select the letter and copy it yourself.",
    download = "Download",
    downloaded = "Letter downloaded.",
    email = "Email",
    /// Shown when the letter is too long for a mailto link.
    email_too_long = "The letter is too long for an email link, so it was copied instead. Paste it into your email.",
    print = "Print",
    share = "Share",
    start_over = "Start over",
    start_over_confirm = "Clear your answers and edits and start from the original letter?",
    start_over_yes = "Yes, start over",
    cancel = "Cancel",
    cleared = "Started over.",
    undo = "Undo",
    /// `{names}` are the blanks still empty.
    warn_empty = "Still empty: {names}.",
    /// Between the blanks' names in `warn_empty` (languages differ on commas).
    list_sep = ", ",
    /// Button that moves to the empty blank `{field}`.
    go_to = "Go to {field}",
    continue_anyway = "Continue anyway",
    /// Closes a message.
    ok = "OK",
    saved = "Draft saved in this browser",
    /// Saved now, after storage refused an earlier save this session.
    saved_after_failure = "Saved for now, but this browser refused to save your draft earlier — copy your letter before you leave",
    saving = "Saving…",
    restored = "Draft restored",
    cannot_save = "Can't save drafts in this browser — copy your letter before you leave",
    storage_full = "This browser's storage is full, so your draft isn't saved — copy your letter before you leave",
    /// Corrupt data was kept aside under another key.
    corrupt_kept = "An earlier draft couldn't be read. It has been kept aside, and you're starting fresh.",
    newer_draft = "Your draft was saved by a newer version of this widget. It has been kept aside, and you're starting fresh.",
    template_changed = "The organiser has updated this letter since you started. Your letter is kept.",
    keep_mine = "Keep my letter",
    use_updated = "Use the updated letter",
    other_tab = "Your letter was changed in another tab.",
    use_other_tab = "Use that version",
    /// This tab now shows the letter as another tab left it.
    other_tab_followed = "Your letter was updated from another tab.",
    remember_me = "Remember my details for other letters on this site",
    remember_hint = "Saved only in this browser.",
    /// Under the status line when the browser would not promise to keep
    /// the drafts (Safari clears them after 7 days of use without a visit).
    may_clear = "This browser may clear saved drafts, for example after a week without a visit. To be sure of keeping your letter, copy or download it.",
    forget_me = "Forget me",
    forgotten = "Everything this widget stored in this browser has been erased.",
    error_heading = "This letter can't be shown",
    error_fix_hint = "For the organiser:",
    loading = "Loading letter…",
    actions_label = "Send your letter",
    recipients_heading = "Send it to your representatives",
    region_label = "Where you live",
    choose_region = "Choose…",
    /// `{date}` the recipients list was current.
    list_date = "List current as of {date}.",
    /// `{who}` is the recipient's greeting.
    copy_open = "Copy letter for {who} and open their contact form",
    /// `{who}`: for a recipient without a contact form.
    copy_for = "Copy letter for {who}",
    copied_open = "Letter copied. Paste it into the contact form in the new tab, then mark it as sent here.",
    /// `{who}`.
    email_to = "Email {who}",
    /// `{who}`.
    print_for = "Print for {who}",
    phone = "Phone:",
    mark_sent = "Mark as sent",
    /// Shown instead of the recipients when their list could not be fetched.
    list_unavailable = "The list of representatives couldn't be loaded (are you offline?). You can still write, save and copy your letter: type their name in the letter yourself, or reload the page later to pick them from the list.",
    /// Before the mail app opens: `{addresses}`, the addresses it writes to.
    email_confirm = "Your mail app will open a message to {addresses}. Is that who you mean to write to?",
    open_mail = "Open mail app",
    /// Above a letter opened from a letter link.
    link_notice = "This letter came in a link: whoever sent it wrote it and chose where it goes, so check it before you send. Your saved details are not used here.",
    /// Under the letter while it is mostly the organiser's words.
    own_invite = "Mostly the organiser's words. Offices give more weight to personal letters: add a sentence about why this matters to you.",
    /// Puts the caret where a personal sentence fits.
    own_add = "Add a sentence of your own",
    /// Hides the line about the reader's own words for this letter.
    own_dismiss = "Hide this",
    /// Once the reader has written a sentence or two of their own.
    own_some = "Partly in your own words: offices give that more weight.",
    /// Once most of the letter is the reader's.
    own_mostly = "Mostly in your own words.",
    /// Beside a recipient marked as sent whose copy carried the reader's words.
    sent_personal = "in your own words",
    /// Beside a recipient marked as sent whose copy was the organiser's letter.
    sent_form = "the organiser's words",
}
