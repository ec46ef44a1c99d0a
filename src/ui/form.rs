//! What the reader can do with the finished letter (copy, open a contact
//! form, email, print) and the choice of recipient, shared by the actions,
//! the recipients list and the prompts.

use super::fields::focus_field;
use crate::browser;
use crate::config::WidgetConfig;
use crate::letter::Letter;
use crate::recipients::{first_unsent, Recipient, RecipientList};
use crate::send::mailto;
use crate::session::Session;
use crate::strings::{fill, Strings};
use leptos::prelude::*;

/// What the reader asked to do with the finished letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Action {
    Copy,
    /// Copy, and open the current recipient's contact form.
    CopyOpen,
    Email,
    Print,
}

/// What a prompt's button does.
#[derive(Clone, Debug)]
pub(super) enum Cmd {
    /// Close the prompt.
    Dismiss,
    /// Replace the letter (keeping the old one for undo).
    UseLetter(Letter),
    /// Put back the letter before the last replacement.
    Undo,
    /// Focus field `i`'s input.
    GoTo(usize),
    /// Do the action despite empty blanks.
    Run(Action),
    /// Really start over.
    StartOver,
    /// Open the mail app, the addresses seen.
    OpenMail,
}

/// A prompt's text and its buttons.
#[derive(Clone, Debug)]
pub(super) struct Prompt {
    pub text: String,
    pub buttons: Vec<(String, Cmd)>,
}

/// What the actions, the recipients list and the prompts share: the session,
/// the organiser's settings and list, and what the form is saying. Cheap to
/// copy into handlers.
#[derive(Clone, Copy)]
pub(super) struct Form {
    pub session: Session,
    pub prompt: RwSignal<Option<Prompt>>,
    pub flash: RwSignal<String>,
    pub config: StoredValue<WidgetConfig>,
    pub s: &'static Strings,
    /// The organiser's recipients list.
    pub list: StoredValue<Option<RecipientList>>,
    /// The recipient the letter is addressed to now.
    pub current: RwSignal<Option<String>>,
}

impl Form {
    /// The form of a session, with the organiser's settings and list.
    pub fn new(
        session: Session,
        config: WidgetConfig,
        s: &'static Strings,
        list: Option<RecipientList>,
    ) -> Form {
        Form {
            session,
            prompt: RwSignal::new(None),
            flash: RwSignal::new(String::new()),
            config: StoredValue::new(config),
            s,
            list: StoredValue::new(list),
            current: RwSignal::new(None),
        }
    }

    /// Whether the organiser attached a recipients list (then `{{recipient}}`
    /// is filled from it rather than typed).
    pub fn has_list(&self) -> bool {
        self.list.with_value(Option::is_some)
    }

    pub fn say(&self, text: &str) {
        self.flash.set(text.to_owned());
    }

    pub fn text(&self) -> String {
        self.session.letter.with_untracked(Letter::final_text)
    }

    /// Runs a prompt button.
    pub fn exec(&self, cmd: Cmd, ev: &leptos::ev::MouseEvent) {
        self.prompt.set(None);
        self.session.notice.set(None);
        match cmd {
            Cmd::Dismiss => {}
            Cmd::UseLetter(next) => {
                self.session.replace_letter(next);
                self.offer_undo("");
            }
            Cmd::Undo => self.session.undo_replace(),
            Cmd::GoTo(i) => focus_field(ev, i),
            Cmd::Run(action) => self.run(action),
            Cmd::StartOver => {
                self.session
                    .replace_letter(self.session.fresh(self.s.lang()));
                self.offer_undo(self.s.cleared());
            }
            Cmd::OpenMail => self.open_mail(),
        }
    }

    /// The recipient with `id`.
    pub fn find(&self, id: Option<&String>) -> Option<Recipient> {
        self.list.with_value(|list| {
            list.as_ref()?
                .recipients
                .iter()
                .find(|r| Some(&r.id) == id)
                .cloned()
        })
    }

    /// The letter's character limit: the current recipient's contact form
    /// may take less than the organiser's `max-length`.
    pub fn max_length(&self) -> Option<usize> {
        let page = self.config.with_value(|c| c.max_length);
        self.current
            .with(|c| self.find(c.as_ref()))
            .and_then(|r| r.max_length)
            .or(page)
    }

    /// The Email action's link: to the current recipient's address where the
    /// list gives one, else to the organiser's `to`.
    pub fn mailto(&self, text: &str) -> (String, bool) {
        let to = self.addresses();
        self.config.with_value(|c| mailto(&to, &c.subject, text))
    }

    /// Whom the Email action writes to: the current recipient where the
    /// list gives their address, else the organiser's `to`.
    pub fn addresses(&self) -> Vec<String> {
        let email = self
            .find(self.current.get_untracked().as_ref())
            .and_then(|r| r.email);
        match email {
            Some(email) => vec![email],
            None => self.config.with_value(|c| c.to.clone()),
        }
    }

    /// Names the addresses the mail app will write to, before it opens:
    /// a letter (or a link) can name any address, and the reader decides.
    fn confirm_mail(&self) {
        let to = self.addresses();
        if to.is_empty() {
            return self.open_mail();
        }
        let s = self.s;
        self.prompt.set(Some(Prompt {
            text: fill(s.email_confirm(), &[("addresses", &to.join(s.list_sep()))]),
            buttons: vec![
                (s.open_mail().to_owned(), Cmd::OpenMail),
                (s.cancel().to_owned(), Cmd::Dismiss),
            ],
        }));
    }

    /// Opens the mail app with the letter (copied instead, and said so,
    /// when it is too long for a mail link).
    fn open_mail(&self) {
        let (form, s, text) = (*self, self.s, self.text());
        let (href, too_long) = self.mailto(&text);
        leptos::task::spawn_local(async move {
            if too_long {
                let ok = browser::copy_text(&text).await;
                form.say(if ok {
                    s.email_too_long()
                } else {
                    s.copy_failed()
                });
            }
            let _ = browser::window().location().set_href(&href);
        });
    }

    /// The recipients in `region`.
    pub fn group(&self, region: Option<String>) -> Vec<Recipient> {
        self.list.with_value(|list| match (list, region) {
            (Some(list), Some(g)) => list.in_group(&g).into_iter().cloned().collect(),
            _ => Vec::new(),
        })
    }

    /// Addresses the letter to `r` (or back to the blank).
    pub fn choose(&self, r: Option<Recipient>) {
        let greeting = r.as_ref().map_or("", |r| r.greeting.as_str()).to_owned();
        self.current.set(r.map(|r| r.id));
        let letter = self.session.letter;
        if letter.with_untracked(|l| l.addressed_to(&greeting).text() != l.text()) {
            self.session.edit(|l| l.address_to(&greeting));
        }
    }

    /// Shows the reader's region, addressed to its first recipient not yet
    /// sent (or the first of all, when `all` or when every one is sent).
    pub fn pick_region(&self, region: Option<String>, all: bool) {
        let group = self.group(region.clone());
        let first = self.session.sent.with_untracked(|sent| {
            let first = first_unsent(&group, sent);
            let done = group.get(first).is_none_or(|r| sent.contains(&r.id));
            if all && done {
                None
            } else {
                Some(first)
            }
        });
        if self.session.region.get_untracked() != region {
            self.session.set_region(region);
        }
        if let Some(first) = first {
            self.choose(group.into_iter().nth(first));
        }
    }
    /// Offers to put back the letter just replaced.
    fn offer_undo(&self, text: &str) {
        self.prompt.set(Some(Prompt {
            text: text.to_owned(),
            buttons: vec![(self.s.undo().to_owned(), Cmd::Undo)],
        }));
    }

    /// Runs `action`, after naming the required blanks still empty.
    pub fn request(&self, action: Action) -> bool {
        let empty = self.session.letter.with_untracked(|l| {
            l.unfilled_required()
                .into_iter()
                .map(|i| (i, l.fields()[i].label.clone()))
                .collect::<Vec<_>>()
        });
        if empty.is_empty() {
            self.run(action);
            return true;
        }
        let s = self.s;
        let names = empty
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(s.list_sep());
        let mut buttons: Vec<(String, Cmd)> = empty
            .into_iter()
            .map(|(i, label)| (fill(s.go_to(), &[("field", &label)]), Cmd::GoTo(i)))
            .collect();
        buttons.push((s.continue_anyway().to_owned(), Cmd::Run(action)));
        self.prompt.set(Some(Prompt {
            text: fill(s.warn_empty(), &[("names", &names)]),
            buttons,
        }));
        false
    }

    fn run(&self, action: Action) {
        let (form, s, text) = (*self, self.s, self.text());
        let current = self.find(self.current.get_untracked().as_ref());
        match action {
            Action::Copy | Action::CopyOpen => {
                // Copy first: the page must still have focus to write to the clipboard.
                let copied = browser::copy_text(&text);
                // Checked again here, whatever the list said when it was read.
                let contact = current.as_ref().and_then(Recipient::contact_form);
                let done = match contact {
                    Some(url) if action == Action::CopyOpen => {
                        browser::open_tab(url);
                        s.copied_open()
                    }
                    _ => s.copied(),
                };
                leptos::task::spawn_local(async move {
                    form.say(if copied.await { done } else { s.copy_failed() });
                });
            }
            Action::Email => self.confirm_mail(),
            Action::Print => {
                let address = current.map(|r| r.address_block());
                browser::print_letter(address.as_deref(), &text, s.lang())
            }
        }
    }
}
