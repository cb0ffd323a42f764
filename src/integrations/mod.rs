//! Optional integrations, each behind its own feature.
//!
//! Generated code invokes `::statuskit::__impl_serde!`, `__impl_sqlx!` and `__impl_clap!`
//! for every status. Each macro is defined here twice: with its feature it expands to the
//! impls, without it to nothing. The feature is thus decided by the facade's features, not
//! by the features of the crate the code is generated into, and the default build pulls in
//! none of these dependencies.

#[cfg(feature = "clap")]
pub(crate) mod clap;
#[cfg(feature = "clap")]
pub use self::clap::StatusValueParser;
#[cfg(feature = "serde")]
pub(crate) mod serde;
#[cfg(feature = "sqlx")]
pub(crate) mod sqlx;

#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde {
    ($(#[$attr:meta])* $ty:ty) => {
        $(#[$attr])*
        #[automatically_derived]
        impl $crate::__private::serde::Serialize for $ty {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private::serialize(*self, serializer)
            }
        }

        $(#[$attr])*
        #[automatically_derived]
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::deserialize(deserializer)
            }
        }
    };
}

#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde {
    ($($tokens:tt)*) => {};
}

#[cfg(feature = "sqlx")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_sqlx {
    ($(#[$attr:meta])* $ty:ty, $sql_name:literal) => {
        $(#[$attr])*
        #[automatically_derived]
        impl<DB: $crate::__private::sqlx::Database> $crate::__private::sqlx::Type<DB> for $ty
        where
            &'static str: $crate::__private::sqlx::Type<DB>,
        {
            fn type_info() -> <DB as $crate::__private::sqlx::Database>::TypeInfo {
                <&'static str as $crate::__private::sqlx::Type<DB>>::type_info()
            }

            fn compatible(ty: &<DB as $crate::__private::sqlx::Database>::TypeInfo) -> bool {
                <&'static str as $crate::__private::sqlx::Type<DB>>::compatible(ty)
                    || $crate::__private::sqlx_is_named::<DB>(ty, $sql_name)
            }
        }

        $(#[$attr])*
        #[automatically_derived]
        impl<'q, DB: $crate::__private::sqlx::Database> $crate::__private::sqlx::Encode<'q, DB> for $ty
        where
            &'static str: $crate::__private::sqlx::Encode<'q, DB>,
            <DB as $crate::__private::sqlx::Database>::TypeInfo: 'static,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as $crate::__private::sqlx::Database>::ArgumentBuffer,
            ) -> ::core::result::Result<
                $crate::__private::sqlx::encode::IsNull,
                $crate::__private::sqlx::error::BoxDynError,
            > {
                <&'static str as $crate::__private::sqlx::Encode<'q, DB>>::encode(self.as_str(), buf)
            }

            fn produces(&self) -> ::core::option::Option<<DB as $crate::__private::sqlx::Database>::TypeInfo> {
                $crate::__private::sqlx_parameter_type::<DB>()
            }
        }

        $(#[$attr])*
        #[automatically_derived]
        impl<'r, DB: $crate::__private::sqlx::Database> $crate::__private::sqlx::Decode<'r, DB> for $ty
        where
            &'r str: $crate::__private::sqlx::Decode<'r, DB>,
        {
            fn decode(
                value: <DB as $crate::__private::sqlx::Database>::ValueRef<'r>,
            ) -> ::core::result::Result<Self, $crate::__private::sqlx::error::BoxDynError> {
                let text = <&'r str as $crate::__private::sqlx::Decode<'r, DB>>::decode(value)?;
                ::core::result::Result::Ok(<Self as ::core::str::FromStr>::from_str(text)?)
            }
        }
    };
}

#[cfg(not(feature = "sqlx"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_sqlx {
    ($($tokens:tt)*) => {};
}

#[cfg(feature = "clap")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_clap {
    ($(#[$attr:meta])* $ty:ty) => {
        $(#[$attr])*
        #[automatically_derived]
        impl $crate::__private::clap::ValueEnum for $ty {
            fn value_variants<'a>() -> &'a [Self] {
                <Self as $crate::__private::StatusMachine>::ALL
            }

            fn to_possible_value(&self) -> ::core::option::Option<$crate::__private::clap::builder::PossibleValue> {
                ::core::option::Option::Some($crate::__private::possible_value(*self))
            }

            fn from_str(input: &str, ignore_case: bool) -> ::core::result::Result<Self, ::std::string::String> {
                $crate::__private::value_from_str(input, ignore_case)
            }
        }
    };
}

#[cfg(not(feature = "clap"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_clap {
    ($($tokens:tt)*) => {};
}
