// Filled in as the module is written.
