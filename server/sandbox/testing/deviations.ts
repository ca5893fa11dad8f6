/**
 * Where the sandbox knowingly answers differently from Clerk's OpenAPI documents, and why.
 * Everything else the sandbox sends must validate; this list is the whole exception.
 */
export interface ContractDeviation {
  reason: string;
  matches(observed: { operation: string; status: number; url: string; problem: string }): boolean;
}

export const contractDeviations: readonly ContractDeviation[] = [
  {
    reason:
      "`paginated=true` turns a bare-array list into `{data, total_count}` as Clerk does, but the documents only describe the array form.",
    matches: ({ status, url, problem }) =>
      status === 200 && /[?&]paginated=true/.test(url) && problem.startsWith("body does not match"),
  },
];
