// Original file: keyfrag/v1/fragment.proto


export interface DkgRound1Message {
  'slot'?: (number);
  'commitment'?: (Buffer | Uint8Array | string)[];
  'proof_of_knowledge'?: (Buffer | Uint8Array | string);
}

export interface DkgRound1Message__Output {
  'slot': (number);
  'commitment': (Buffer)[];
  'proof_of_knowledge': (Buffer);
}
