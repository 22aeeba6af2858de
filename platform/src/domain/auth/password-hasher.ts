import argon2 from 'argon2';

/** Hashes and checks passwords; injected so its cost can be tuned per deployment. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** argon2id cost parameters (OWASP: m ≥ 19 MiB, t ≥ 2, p = 1). */
export interface Argon2Cost {
  memoryCost: number;
  timeCost: number;
}

/** OWASP's recommended minimum argon2id configuration. */
export const OWASP_ARGON2_COST: Argon2Cost = { memoryCost: 19_456, timeCost: 2 };

/**
 * argon2id via the `argon2` package (native, prebuilt). The encoded hash
 * carries salt and parameters, so raising the cost later keeps old hashes valid.
 */
export function createArgon2Hasher(cost: Argon2Cost = OWASP_ARGON2_COST): PasswordHasher {
  const options = { type: argon2.argon2id as 2, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 };
  return {
    hash: (password) => argon2.hash(password, options),
    async verify(hash, password) {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    },
  };
}
