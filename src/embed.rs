//! The `<letter-widget>` element's Rust side: reads the organiser's
//! attributes and template from the page, opens the shadow root, mounts the
//! reader's form into it, and hands the loader a handle to unmount it again.
//!
//! The custom element class itself is defined by the loader
//! (`letter-widget.js`), which calls [`mount`] on `connectedCallback` and
//! [`WidgetHandle::unmount`] on `disconnectedCallback`.

use crate::browser::{self, document};
use crate::config::{read_config, recipients_source, RecipientsSource, SetupError};
use crate::letter::Letter;
use crate::markup::{is_skipped, template_text_from_events, Event};
use crate::recipients::{parse_recipients, RecipientList};
use crate::strings::{self, Strings};
use crate::template;
use crate::ui::{ErrorBox, Widget, WidgetSetup};
use leptos::either::Either;
use leptos::prelude::*;
use serde::Deserialize;
use std::any::Any;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, HtmlElement, HtmlTemplateElement, Node, ShadowRoot, ShadowRootInit, ShadowRootMode,
};

const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/style.min.css"));

thread_local! {
    // One parsed stylesheet serves every widget on the page.
    static SHEET: Option<web_sys::CssStyleSheet> = browser::constructed_sheet(STYLE);
}

/// Called once when the wasm module starts.
pub fn start() {}

/// The template text the organiser put on the page: a `<template>` child if
/// there is one, else the element's own markup (blog engines wrap it in `<p>`
/// and `<br>`). The browser has parsed that markup already, so its nodes are
/// read as they are rather than serialised to HTML and parsed again.
pub fn inline_template_text(host: &Element) -> String {
    let mut child = host.first_element_child();
    while let Some(el) = child {
        if let Some(template) = el.dyn_ref::<HtmlTemplateElement>() {
            return template_text_from_events(&node_events(&template.content()));
        }
        child = el.next_element_sibling();
    }
    template_text_from_events(&node_events(host))
}

/// The nodes inside `root`, in document order, as markup [`Event`]s: text,
/// and each element's start and end (none for a `<br>`, as in HTML), leaving
/// out comments and the elements whose content is not letter text. A loop,
/// not recursion, so no nesting depth can exhaust the stack.
fn node_events(root: &Node) -> Vec<Event<'static>> {
    let name = |n: &Node| {
        n.unchecked_ref::<Element>()
            .local_name()
            .to_ascii_lowercase()
    };
    let close = |n: &Node, out: &mut Vec<Event<'static>>| {
        let name = name(n);
        if name != "br" {
            out.push(Event::Close(name));
        }
    };
    let mut out = Vec::new();
    let mut next = root.first_child();
    while let Some(node) = next {
        let mut inside = None;
        match node.node_type() {
            Node::TEXT_NODE | Node::CDATA_SECTION_NODE => {
                out.push(Event::Text(Cow::Owned(
                    node.node_value().unwrap_or_default(),
                )));
            }
            Node::ELEMENT_NODE if !is_skipped(&name(&node)) => {
                out.push(Event::Open(name(&node)));
                inside = node.first_child();
                if inside.is_none() {
                    close(&node, &mut out);
                }
            }
            _ => {}
        }
        if inside.is_some() {
            next = inside;
            continue;
        }
        // On to the next sibling, closing each element this leaves.
        let mut at = node;
        next = loop {
            if let Some(sibling) = at.next_sibling() {
                break Some(sibling);
            }
            match at.parent_node() {
                Some(parent) if !root.is_same_node(Some(&parent)) => {
                    close(&parent, &mut out);
                    at = parent;
                }
                _ => break None,
            }
        };
    }
    out
}

/// The widget's words: the translation the loader fetched (parsed once per
/// page and language), or English.
fn strings_for(table: Option<String>) -> &'static Strings {
    thread_local! {
        static TABLES: RefCell<Vec<&'static Strings>> = const { RefCell::new(Vec::new()) };
    }
    let Some(entries) = table.and_then(|t| strings::read_translation(&t)) else {
        return &strings::EN;
    };
    let lang = entries.get("lang").map(String::as_str);
    TABLES.with_borrow_mut(|tables| {
        if let Some(known) = tables.iter().find(|t| Some(t.lang()) == lang) {
            return *known;
        }
        match strings::from_entries(&entries) {
            Some(table) => {
                let table: &'static Strings = Box::leak(Box::new(table));
                tables.push(table);
                table
            }
            None => &strings::EN,
        }
    })
}

/// A mounted widget, owned by the loader's element instance.
#[wasm_bindgen]
pub struct WidgetHandle {
    mounted: Option<Box<dyn Any>>,
    letter: Rc<Cell<Option<RwSignal<Letter>>>>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Removes the widget's view and frees its reactive state.
    pub fn unmount(&mut self) {
        self.letter.set(None);
        self.mounted.take();
    }

    /// The reader's letter as it stands, or `undefined` before it is ready.
    #[wasm_bindgen(getter)]
    pub fn text(&self) -> Option<String> {
        self.letter
            .get()
            .and_then(|l| l.try_with_untracked(|l| l.final_text()))
    }
}

/// What the loader hands [`mount`] besides the element, as JSON text: what
/// it fetched alongside the wasm, so none waits for another.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MountInput {
    /// The JSON text of the translation the loader chose and fetched (none
    /// for English, or when it could not be fetched).
    pub table: Option<String>,
    /// The letter the loader read from the element's `src` address.
    pub letter: Option<String>,
    /// Why the `src` letter could not be read.
    pub letter_error: Option<String>,
    /// The text of the `recipients-src` list.
    pub list: Option<String>,
    /// Why the list could not be read.
    pub list_error: Option<String>,
    /// The list could not be fetched at all (offline, a failing server).
    pub list_unreachable: bool,
}

/// Mounts a widget into `host`'s shadow root with what the loader fetched
/// (`input`, a [`MountInput`] as JSON text). A list that cannot be read, or
/// that its server says is not there, is reported like a broken template
/// rather than half a form. A list that could not be fetched at all leaves
/// the reader the form without it, since the letter is theirs to write all
/// the same; the `letter-widget:error` event tells the organiser why.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, input: &str) -> WidgetHandle {
    // The loader and the wasm come from one build, so the input always
    // reads; were it not to, the widget starts as if nothing was fetched.
    let MountInput {
        table,
        letter: fetched,
        letter_error: fetch_error,
        list: list_text,
        list_error,
        list_unreachable,
    } = serde_json::from_str(input).unwrap_or_default();
    let strings = strings_for(table);
    let source = letter_source(&host, fetched, fetch_error);
    // Everything arrived with the call (the loader fetched it alongside the
    // wasm), so the form is drawn at once.
    let mut list_unavailable = false;
    let list = match recipients_source(&host) {
        Some(RecipientsSource::Src(url)) => {
            let place = format!("recipients-src=\"{url}\"");
            match (list_text, list_error) {
                (Some(text), None) => Some(read_list(&text, place)),
                (_, why) => {
                    let error = SetupError {
                        place,
                        message: why.unwrap_or_else(|| "it was not loaded".into()),
                    };
                    if list_unreachable {
                        report(&host, &error);
                        list_unavailable = true;
                        None
                    } else {
                        Some(Err(error))
                    }
                }
            }
        }
        Some(RecipientsSource::Inline(text)) => {
            Some(read_list(&text, "<script slot=\"recipients\">".into()))
        }
        None => None,
    };
    let letter: Rc<Cell<Option<RwSignal<Letter>>>> = Rc::default();
    WidgetHandle {
        mounted: Some(render(
            host,
            source,
            list,
            list_unavailable,
            letter.clone(),
            strings,
        )),
        letter,
    }
}

/// The template text: the letter the loader fetched from `src` (or why it
/// could not), else the one written in the element.
fn letter_source(
    host: &HtmlElement,
    fetched: Option<String>,
    fetch_error: Option<String>,
) -> Result<String, SetupError> {
    match (fetched, fetch_error) {
        (_, Some(why)) => Err(SetupError {
            place: "attribute src".into(),
            message: format!(
                "the letter at src=\"{}\" could not be loaded: {why}; check the address, and that its server allows this page to read it (CORS) if it is on another site",
                host.get_attribute("src").unwrap_or_default()
            ),
        }),
        // A letter file is plain text, not markup.
        (Some(text), None) => {
            let text = text.replace("\r\n", "\n");
            Ok(text.trim_end().trim_start_matches('\n').to_owned())
        }
        (None, None) => {
            let text = inline_template_text(host);
            match cut_short(host, &text) {
                true => Err(SetupError {
                    place: "page".into(),
                    message: "the letter was cut short after its first line: the blog (WordPress's classic editor) wrapped <letter-widget> in a paragraph, and the browser ended the element where that paragraph ends, so the rest of the letter sits below it as plain text. Put the letter in the plugin's [letter_widget] shortcode instead (see the README, WordPress)".into(),
                }),
                false => Ok(text),
            }
        }
    }
}

/// WordPress's classic editor wraps the element in `<p>`; the HTML parser then
/// closes it at the first `</p>`, leaving one line inside and the rest of
/// the letter as paragraphs after it.
fn cut_short(host: &Element, text: &str) -> bool {
    let in_p = host.parent_element().is_some_and(|p| p.tag_name() == "P");
    let next_p = host
        .parent_element()
        .and_then(|p| p.next_element_sibling())
        .is_some_and(|n| n.tag_name() == "P");
    in_p && next_p && !text.trim().contains('\n') && host.next_element_sibling().is_none()
}

/// Reads the organiser's recipients list; `place` says where it came from.
fn read_list(text: &str, place: String) -> Result<RecipientList, SetupError> {
    parse_recipients(text).map_err(|e| SetupError {
        place,
        message: e.to_string(),
    })
}

/// Draws the form (or the organiser's error) into `host`'s shadow root.
fn render(
    host: HtmlElement,
    source: Result<String, SetupError>,
    list: Option<Result<RecipientList, SetupError>>,
    list_unavailable: bool,
    letter_slot: Rc<Cell<Option<RwSignal<Letter>>>>,
    strings: &'static Strings,
) -> Box<dyn Any> {
    let root = shadow_root(&host);
    while let Some(child) = root.first_child() {
        let _ = root.remove_child(&child);
    }
    SHEET.with(|sheet| browser::adopt_into_shadow(&root, sheet.as_ref(), STYLE));
    let container: HtmlElement = document()
        .create_element("div")
        .expect_throw("create div")
        .unchecked_into();
    container.set_class_name("lw");
    let _ = root.append_child(&container);

    let _ = container.set_attribute("lang", strings.lang());
    let _ = container.set_attribute("dir", strings.dir());
    let setup = prepare(&host, source, list, list_unavailable, strings);
    if let (Ok(setup), true) = (&setup, host.has_attribute("describe")) {
        // The builder's preview: what the placeholders became, for its list.
        let detail = serde_json::to_string(&setup.template.describe()).unwrap_or_default();
        browser::dispatch(&host, "letter-widget:template", &JsValue::from_str(&detail));
    }
    let handle = leptos::mount::mount_to(container, move || match setup {
        Ok(setup) => {
            let host = host.clone();
            let slot = letter_slot.clone();
            Either::Left(view! {
                <Widget
                    setup=setup
                    on_ready=move |letter| {
                        slot.set(Some(letter));
                        browser::dispatch(&host, "letter-widget:ready", &JsValue::UNDEFINED);
                    }
                />
            })
        }
        Err(error) => {
            report(&host, &error);
            Either::Right(view! { <ErrorBox error=error strings=strings /> })
        }
    });
    Box::new(handle)
}

/// Tells the page about a problem for the organiser (`letter-widget:error`,
/// with "place: message" as its detail).
fn report(host: &HtmlElement, error: &SetupError) {
    let detail = JsValue::from_str(&format!("{}: {}", error.place, error.message));
    browser::dispatch(host, "letter-widget:error", &detail);
}

fn shadow_root(host: &HtmlElement) -> ShadowRoot {
    if let Some(root) = host.shadow_root() {
        return root;
    }
    host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .expect_throw("attachShadow")
}

/// Parses the template and attributes into everything the form needs.
fn prepare(
    host: &Element,
    source: Result<String, SetupError>,
    list: Option<Result<RecipientList, SetupError>>,
    list_unavailable: bool,
    strings: &'static Strings,
) -> Result<WidgetSetup, SetupError> {
    let template = template::parse(&source?).map_err(|e| SetupError {
        place: "template".into(),
        message: e.to_string(),
    })?;
    let config = read_config(host, &template)?;
    Ok(WidgetSetup {
        config,
        template: Rc::new(template),
        strings,
        recipients: list.transpose()?,
        list_unavailable,
    })
}
