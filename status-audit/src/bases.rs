//! The second pass over Python classes: an enum may derive from a project class defined
//! in another module (`from .base import BaseState`; `class RunState(BaseState)`, with
//! `BaseState(Enum)`), which one file cannot show. Once every file is read, each class's
//! bases are followed through the classes of the whole tree: a class whose chain reaches
//! the standard library's `enum` is an enum, and each enum on a project base records that
//! base (its `module:Class` and the methods it defines), so that the draft keeps it.

use std::collections::HashMap;

use crate::finding::{Finding, PythonClass};
use crate::languages::std_base;

/// How deep a chain of project bases is followed; deeper ones are cycles or generated.
const MAX_DEPTH: usize = 16;

/// Adds the enums found through project bases to `findings`, and records the project base
/// of every Python enum that has one.
pub(crate) fn resolve(findings: &mut Vec<Finding>, classes: &[PythonClass]) {
    let index = Index::new(classes);
    let mut roots: Vec<Option<Root>> = vec![None; classes.len()];
    let mut done = vec![false; classes.len()];
    for i in 0..classes.len() {
        root(i, classes, &index, &mut roots, &mut done, 0);
    }
    // Found enums, by where they are: their project base is recorded on them.
    let mut at: HashMap<(String, String), usize> = HashMap::new();
    for (i, finding) in findings.iter().enumerate() {
        at.entry((finding.path.clone(), finding.name.clone()))
            .or_insert(i);
    }
    let mut added = Vec::new();
    for (i, class) in classes.iter().enumerate() {
        let Some(root) = &roots[i] else {
            continue;
        };
        let mixin = class
            .bases
            .iter()
            .find_map(|base| index.get(base).map(|j| (base, j)));
        let target = match &class.pending {
            Some(pending) => {
                added.push(pending.clone());
                added.last_mut()
            }
            None => at
                .get(&(class.path.clone(), class.name.clone()))
                .and_then(|&f| findings.get_mut(f)),
        };
        let Some(finding) = target else {
            continue;
        };
        if finding.shape.python_base.is_none() {
            // `class InvoiceStatus(str, BaseStatus)`: the class's own `str` on an `Enum` root.
            let str_mixin = class.bases.iter().any(|b| b == "str") && root.base == "Enum";
            let base = if str_mixin { "str, Enum" } else { root.base };
            finding.shape.python_base = Some(base.to_owned());
        }
        finding.shape.own_methods.clone_from(&class.methods);
        if let Some((_, j)) = mixin {
            finding.shape.python_mixin = Some(classes[j].id.clone());
            finding.shape.mixin_methods = methods(j, classes, &index);
        }
    }
    findings.extend(added);
}

/// Where a class's chain of bases reaches `enum`: the base the schema names for it.
#[derive(Clone, Copy)]
struct Root {
    base: &'static str,
}

/// The classes by `module:Class`, and by that id without its first components, so that an
/// absolute import (`pipeline.base`) finds a module under a source root (`src/pipeline`).
struct Index {
    ids: HashMap<String, usize>,
}

impl Index {
    fn new(classes: &[PythonClass]) -> Self {
        let mut ids = HashMap::new();
        for (i, class) in classes.iter().enumerate() {
            ids.entry(class.id.clone()).or_insert(i);
        }
        for (i, class) in classes.iter().enumerate() {
            let mut rest = class.id.as_str();
            for _ in 0..2 {
                let Some((_, tail)) = rest.split_once('.') else {
                    break;
                };
                if !tail.contains(':') {
                    break;
                }
                ids.entry(tail.to_owned()).or_insert(i);
                rest = tail;
            }
        }
        Self { ids }
    }

    fn get(&self, id: &str) -> Option<usize> {
        id.contains(':')
            .then(|| self.ids.get(id).copied())
            .flatten()
    }
}

/// The enum root of class `i`, computed once; `None` for a class that is no enum.
fn root(
    i: usize,
    classes: &[PythonClass],
    index: &Index,
    roots: &mut [Option<Root>],
    done: &mut [bool],
    depth: usize,
) -> Option<Root> {
    if done[i] || depth > MAX_DEPTH {
        return roots[i];
    }
    // Marked before the bases are followed: a cycle ends here.
    done[i] = true;
    let own = std_base(&classes[i].bases).map(|base| Root { base });
    let found = own.or_else(|| {
        classes[i]
            .bases
            .iter()
            .filter_map(|base| index.get(base))
            .find_map(|j| root(j, classes, index, roots, done, depth + 1))
    });
    roots[i] = found;
    found
}

/// The methods class `i` and its project bases define, each once, in order.
fn methods(i: usize, classes: &[PythonClass], index: &Index) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut queue = vec![(i, 0)];
    let mut seen = vec![i];
    while let Some((j, depth)) = queue.pop() {
        for method in &classes[j].methods {
            if !out.contains(method) {
                out.push(method.clone());
            }
        }
        if depth < MAX_DEPTH {
            for base in classes[j].bases.iter().filter_map(|b| index.get(b)) {
                if !seen.contains(&base) {
                    seen.push(base);
                    queue.push((base, depth + 1));
                }
            }
        }
    }
    out
}
