//! Text analysis shared by indexing and querying. (To be written.)
