//! serde: the wire value out, anything `FromStr` accepts in.

use core::fmt;

use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

use crate::StatusMachine;

/// Writes the wire value, as `Display` does.
///
/// # Errors
///
/// The serializer's.
pub fn serialize<S: StatusMachine, Ser: Serializer>(
    status: S,
    serializer: Ser,
) -> Result<Ser::Ok, Ser::Error> {
    serializer.serialize_str(status.as_str())
}

/// Reads a wire value or an alias under the status's case rule (or the fallback), from
/// a borrowed or an owned string; the error is `ParseStatusError`'s message, which names
/// the input and the expected values.
///
/// # Errors
///
/// When the input is not a string or not a spelling of the status.
pub fn deserialize<'de, S: StatusMachine, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<S, D::Error> {
    deserializer.deserialize_str(StatusVisitor(core::marker::PhantomData))
}

struct StatusVisitor<S>(core::marker::PhantomData<S>);

impl<S: StatusMachine> Visitor<'_> for StatusVisitor<S> {
    type Value = S;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} value", S::NAME)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<S, E> {
        value.parse().map_err(E::custom)
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<S, E> {
        match core::str::from_utf8(value) {
            Ok(text) => self.visit_str(text),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(value), &self)),
        }
    }
}
