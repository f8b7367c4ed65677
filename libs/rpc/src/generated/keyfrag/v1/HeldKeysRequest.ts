// Original file: keyfrag/v1/fragment.proto


export interface HeldKeysRequest {
  'sets'?: (number)[];
}

export interface HeldKeysRequest__Output {
  'sets': (number)[];
}
