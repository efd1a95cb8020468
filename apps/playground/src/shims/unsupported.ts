/**
 * Any other Node built-in a package starts importing: an empty module. With the build's
 * `shimMissingExports`, its named imports are undefined (calling one fails where it is called), so a new
 * Node-only code path in a package does not break the playground's build; the e2e run shows what it breaks.
 */
export default {};
