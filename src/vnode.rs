//! The widget's markup as plain data, and what puts it on the page.
//!
//! Every view (the skeleton, the coins, the errors, the payment) is
//! described as a [`V`] tree and patched into the page by [`Live`], a few
//! dozen lines, so that no wasm of the widget carries a virtual DOM
//! library's renderer or the generic code it instantiates per component,
//! which were most of what the widget weighed (docs/size.md). Clicks are
//! read by the widget's one listener (`runtime`), from what the clicked
//! button carries.

/// A node of a view: an element or text.
#[derive(Clone, Debug, PartialEq)]
pub enum V {
    El(El),
    Text(String),
}

/// An element: its tag, its attributes in order, its children.
#[derive(Clone, Debug, PartialEq)]
pub struct El {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub children: Vec<V>,
}

/// An element to build on.
pub fn el(tag: &'static str) -> El {
    El { tag, attrs: Vec::new(), children: Vec::new() }
}

/// `<tag class="class">`.
pub fn class(tag: &'static str, class: &str) -> El {
    el(tag).attr("class", class)
}

impl El {
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> El {
        self.attrs.push((name, value.into()));
        self
    }

    /// A boolean attribute: there when `on`, absent otherwise.
    pub fn flag(self, name: &'static str, on: bool) -> El {
        if on {
            self.attr(name, "")
        } else {
            self
        }
    }

    pub fn child(mut self, child: impl Into<V>) -> El {
        self.children.push(child.into());
        self
    }

    /// `child` where there is one, else an empty text node in its place:
    /// the children after it keep their places, and so their nodes, as it
    /// comes and goes (a notice inserted as its own `role="alert"`, not
    /// made of the node that was next).
    pub fn maybe(mut self, child: Option<impl Into<V>>) -> El {
        self.children.push(child.map_or_else(|| V::Text(String::new()), Into::into));
        self
    }

    pub fn children(mut self, children: impl IntoIterator<Item = V>) -> El {
        self.children.extend(children);
        self
    }

    pub fn text(self, text: impl Into<String>) -> El {
        self.child(V::Text(text.into()))
    }

    /// The value of attribute `name`, as the tests read a view.
    #[cfg(test)]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }
}

impl From<El> for V {
    fn from(el: El) -> V {
        V::El(el)
    }
}

impl V {
    /// Every text under this node, joined: what a reader of the view reads.
    #[cfg(test)]
    pub fn text_content(&self) -> String {
        match self {
            V::Text(t) => t.clone(),
            V::El(e) => e.children.iter().map(V::text_content).collect(),
        }
    }

    /// The elements under and at this node, in document order.
    #[cfg(test)]
    pub fn elements(&self) -> Vec<&El> {
        match self {
            V::Text(_) => Vec::new(),
            V::El(e) => std::iter::once(e).chain(e.children.iter().flat_map(V::elements)).collect(),
        }
    }
}

/// A view on the page: the nodes it made, beside what they show, so that
/// the next view changes only what differs. An element keeps its node (and
/// the payer's focus on it) while its tag stays at its place.
pub struct Live {
    node: web_sys::Node,
    v: V,
    children: Vec<Live>,
    /// In an `<svg>`: its elements are made in the SVG namespace.
    svg: bool,
}

const SVG: &str = "http://www.w3.org/2000/svg";

impl Live {
    fn create(doc: &web_sys::Document, v: V, svg: bool) -> Option<Live> {
        match v {
            V::Text(ref t) => Some(Live { node: doc.create_text_node(t).into(), v, children: Vec::new(), svg }),
            V::El(mut e) => {
                let svg = svg || e.tag == "svg";
                let element =
                    if svg { doc.create_element_ns(Some(SVG), e.tag) } else { doc.create_element(e.tag) }.ok()?;
                for (name, value) in &e.attrs {
                    let _ = element.set_attribute(name, value);
                }
                let node: web_sys::Node = element.into();
                let children = std::mem::take(&mut e.children);
                let mut live = Live { node, v: V::El(e), children: Vec::new(), svg };
                patch_in(doc, &live.node, &mut live.children, children, svg);
                Some(live)
            }
        }
    }

    /// Makes this node show `v`, or hands `v` back where it cannot (another
    /// tag, or text for an element), for the caller to replace the node.
    fn update(&mut self, doc: &web_sys::Document, v: V) -> Result<(), V> {
        match (&mut self.v, v) {
            (V::Text(old), V::Text(new)) => {
                if *old != new {
                    self.node.set_text_content(Some(&new));
                    *old = new;
                }
                Ok(())
            }
            (V::El(old), V::El(mut new)) if old.tag == new.tag => {
                use wasm_bindgen::JsCast;
                let element: &web_sys::Element = self.node.unchecked_ref();
                for (name, _) in old.attrs.iter().filter(|(n, _)| !new.attrs.iter().any(|(m, _)| m == n)) {
                    let _ = element.remove_attribute(name);
                }
                for (name, value) in &new.attrs {
                    if old.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v) != Some(value) {
                        let _ = element.set_attribute(name, value);
                    }
                }
                let children = std::mem::take(&mut new.children);
                *old = new;
                patch_in(doc, &self.node, &mut self.children, children, self.svg);
                Ok(())
            }
            (_, v) => Err(v),
        }
    }
}

/// Makes `parent`'s children, now `live`, show `views`.
pub fn patch(doc: &web_sys::Document, parent: &web_sys::Node, live: &mut Vec<Live>, views: Vec<V>) {
    patch_in(doc, parent, live, views, false);
}

fn patch_in(doc: &web_sys::Document, parent: &web_sys::Node, live: &mut Vec<Live>, views: Vec<V>, svg: bool) {
    let count = views.len();
    for (i, v) in views.into_iter().enumerate() {
        if let Some(old) = live.get_mut(i) {
            let Err(v) = old.update(doc, v) else { continue };
            if let Some(new) = Live::create(doc, v, svg) {
                let _ = parent.replace_child(&new.node, &live[i].node);
                live[i] = new;
            }
        } else if let Some(new) = Live::create(doc, v, svg) {
            let _ = parent.append_child(&new.node);
            live.push(new);
        }
    }
    for gone in live.drain(count.min(live.len())..) {
        let _ = parent.remove_child(&gone.node);
    }
}
