// Shared client helpers live in files starting with _ ; every other file here is a page island.
