//! The second pass over Python classes: an enum may derive from a project class defined
//! in another module (`from .base import BaseState`; `class RunState(BaseState)`, with
//! `BaseState(Enum)`), which one file cannot show. Once every file is read, each class's
//! bases are followed through the classes of the whole tree: a class whose chain reaches
//! the standard library's `enum` is an enum, and each enum on a project base records that
//! base (its `module:Class`, importable from the package root, and the methods it defines),
//! so that the draft keeps it.

use std::collections::{HashMap, HashSet};

use crate::finding::{Finding, PythonClass};
use crate::languages::std_base;

/// How deep a chain of project bases is followed; deeper ones are cycles or generated.
const MAX_DEPTH: usize = 16;

/// Adds the enums found through project bases to `findings`, and records the project base
/// of every Python enum that has one. `packages` are the directories holding an
/// `__init__.py`, which decide the module a mixin is imported from.
pub(crate) fn resolve(
    findings: &mut Vec<Finding>,
    classes: &mut [PythonClass],
    packages: &HashSet<String>,
) {
    // The walk is parallel: in order of place, so the same tree gives the same result.
    classes.sort_by(|a, b| (&a.path, &a.name).cmp(&(&b.path, &b.name)));
    let classes: &[PythonClass] = classes;
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
    let mut methods_of: HashMap<usize, Vec<String>> = HashMap::new();
    let mut added = Vec::new();
    for (i, class) in classes.iter().enumerate() {
        let Some(root) = &roots[i] else {
            continue;
        };
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
        finding.shape.own_methods.clone_from(&class.methods);
        // A numeric root stores numbers, which no status does: its mixin cannot carry over.
        // One mixin is kept: the first project base that is an enum (it brings the data
        // type), else the first project base.
        let project: Vec<usize> = class.bases.iter().filter_map(|b| index.get(b)).collect();
        let mixin = project
            .iter()
            .find(|&&j| roots[j].is_some())
            .or_else(|| project.first())
            .copied()
            .filter(|_| root.base != "IntEnum")
            .and_then(|j| Some((j, importable(&classes[j], packages)?, roots[j])));
        let own = std_base(&class.bases);
        let base = match (&mixin, own) {
            (None, own) => own.unwrap_or(root.base),
            // The class's own `StrEnum` stays: `class S(Base, StrEnum)`.
            (Some(_), Some("StrEnum")) => "StrEnum",
            // Its own `str` on a base that has none: `class S(str, Base, Enum)`.
            (Some((_, _, of_mixin)), _)
                if class.bases.iter().any(|b| b == "str")
                    && of_mixin.is_none_or(|r| r.base == "Enum") =>
            {
                "str, Enum"
            }
            // Else the base brings its data type (`str` or none): `class S(Base, Enum)`; a
            // `str` written again before it would make no consistent MRO.
            (Some(_), _) => "Enum",
        };
        finding.shape.python_base = Some(base.to_owned());
        if let Some((j, importable, _)) = mixin {
            finding.shape.python_mixin = Some(importable);
            finding.shape.mixin_methods.clone_from(
                methods_of
                    .entry(j)
                    .or_insert_with(|| methods(j, classes, &index)),
            );
        }
    }
    findings.extend(added);
}

/// `module:Class` of a class as code imports it: its module counted from the outermost
/// directory of the packages around it (`src/pipeline/base.py`, with `pipeline/__init__.py`,
/// is `pipeline.base`); `None` where a part is no Python name (`my-service`).
fn importable(class: &PythonClass, packages: &HashSet<String>) -> Option<String> {
    let path = class.path.as_str();
    let (dir, file) = path.rsplit_once('/').unwrap_or(("", path));
    let stem = file
        .strip_suffix(".py")
        .or_else(|| file.strip_suffix(".pyi"))?;
    let mut parts: Vec<&str> = Vec::new();
    let mut current = dir;
    while !current.is_empty() && packages.contains(current) {
        let (parent, name) = current.rsplit_once('/').unwrap_or(("", current));
        parts.push(name);
        current = parent;
    }
    parts.reverse();
    if stem != "__init__" {
        parts.push(stem);
    }
    let own = class.name.rsplit('.').next().unwrap_or(&class.name);
    let identifier = |p: &str| {
        p.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    (!parts.is_empty() && parts.iter().all(|p| identifier(p)) && identifier(own))
        .then(|| format!("{}:{own}", parts.join(".")))
}

/// Where a class's chain of bases reaches `enum`: the base the schema names for it.
#[derive(Clone, Copy)]
struct Root {
    base: &'static str,
}

/// The classes by `module:Class`, and by that id without its first components, so that an
/// absolute import (`pipeline.base`) finds a module under a source root (`src/pipeline`).
/// A shortened id that two classes share is nobody's: which one an import means is not
/// known.
struct Index {
    ids: HashMap<String, Option<usize>>,
}

impl Index {
    fn new(classes: &[PythonClass]) -> Self {
        let mut ids: HashMap<String, Option<usize>> = HashMap::new();
        for (i, class) in classes.iter().enumerate() {
            ids.entry(class.id.clone()).or_insert(Some(i));
        }
        let mut shortened: HashMap<String, Option<usize>> = HashMap::new();
        for (i, class) in classes.iter().enumerate() {
            let mut rest = class.id.as_str();
            for _ in 0..2 {
                let Some((_, tail)) = rest.split_once('.') else {
                    break;
                };
                if !tail.contains(':') || ids.contains_key(tail) {
                    break;
                }
                shortened
                    .entry(tail.to_owned())
                    .and_modify(|seen| {
                        if *seen != Some(i) {
                            *seen = None;
                        }
                    })
                    .or_insert(Some(i));
                rest = tail;
            }
        }
        ids.extend(shortened);
        Self { ids }
    }

    /// The class an id names; never one for the standard library's `enum`, whatever a
    /// vendored copy in the tree is called.
    fn get(&self, id: &str) -> Option<usize> {
        if !id.contains(':') || id.starts_with("enum:") {
            return None;
        }
        self.ids.get(id).copied().flatten()
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
    let mut named: HashSet<&str> = HashSet::new();
    let mut queue = vec![(i, 0)];
    let mut seen: HashSet<usize> = HashSet::from([i]);
    while let Some((j, depth)) = queue.pop() {
        for method in &classes[j].methods {
            if named.insert(method) {
                out.push(method.clone());
            }
        }
        if depth < MAX_DEPTH {
            for base in classes[j].bases.iter().filter_map(|b| index.get(b)) {
                if seen.insert(base) {
                    queue.push((base, depth + 1));
                }
            }
        }
    }
    out
}
