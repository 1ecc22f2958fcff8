// The error a person can act on: its message is a sentence the page shows as it is (anything else
// is shown as "Something went wrong: …").

export class ModelError extends Error {}
