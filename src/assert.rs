//! Compile-time transition assertions.

/// Fails compilation unless every listed move is allowed by the schema.
///
/// ```
/// # #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
/// # enum Light {
/// #     #[status(initial, to(Green))]
/// #     Red,
/// #     #[status(to(Amber))]
/// #     Green,
/// #     #[status(to(Red))]
/// #     Amber,
/// # }
/// statuskit::assert_transition!(Light::Red => Light::Green, Light::Green => Light::Amber);
/// ```
///
/// A move the schema does not allow is a compile error naming it:
///
/// ```compile_fail
/// # #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
/// # enum Light {
/// #     #[status(initial, to(Green))]
/// #     Red,
/// #     #[status(to(Amber))]
/// #     Green,
/// #     #[status(to(Red))]
/// #     Amber,
/// # }
/// statuskit::assert_transition!(Light::Red => Light::Amber);
/// // error[E0080]: evaluation panicked: transition not allowed by the schema: Light::Red => Light::Amber
/// ```
///
/// The check is `can_transition_to`, a `const fn`, so the same works by hand:
/// `const _: () = assert!(Light::Red.can_transition_to(Light::Green));`.
#[macro_export]
macro_rules! assert_transition {
    ($($from:expr => $to:expr),+ $(,)?) => {
        $(
            const _: () = ::core::assert!(
                $from.can_transition_to($to),
                ::core::concat!(
                    "transition not allowed by the schema: ",
                    ::core::stringify!($from),
                    " => ",
                    ::core::stringify!($to),
                ),
            );
        )+
    };
}

/// Fails compilation if any listed move is allowed by the schema: pins that a state is
/// final, or that a shortcut stays closed.
///
/// ```
/// # #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
/// # enum Light {
/// #     #[status(initial, to(Green))]
/// #     Red,
/// #     #[status(to(Amber))]
/// #     Green,
/// #     #[status(to(Red))]
/// #     Amber,
/// # }
/// statuskit::assert_no_transition!(Light::Red => Light::Amber);
/// ```
#[macro_export]
macro_rules! assert_no_transition {
    ($($from:expr => $to:expr),+ $(,)?) => {
        $(
            const _: () = ::core::assert!(
                !$from.can_transition_to($to),
                ::core::concat!(
                    "transition allowed by the schema but asserted absent: ",
                    ::core::stringify!($from),
                    " => ",
                    ::core::stringify!($to),
                ),
            );
        )+
    };
}
