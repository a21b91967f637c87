//! Reading an HTML page into blocks (CLI only).
