//! The query language: parsing user text into a query tree. (To be written.)
