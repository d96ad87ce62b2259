// Placeholder until the demo seed lands.
export async function seedIfEmpty(_url: string, _options: { progress?: boolean } = {}) {}
