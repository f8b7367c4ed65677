// Original file: keyfrag/v1/fragment.proto


export interface DkgRound2Package {
  'from'?: (number);
  'to'?: (number);
  'sealed_share'?: (Buffer | Uint8Array | string);
}

export interface DkgRound2Package__Output {
  'from': (number);
  'to': (number);
  'sealed_share': (Buffer);
}
