// Original file: keyfrag/v1/fragment.proto


export interface EvaluateResponse {
  'slot'?: (number);
  'epoch'?: (number);
  'evaluated'?: (Buffer | Uint8Array | string)[];
  'proof'?: (Buffer | Uint8Array | string);
}

export interface EvaluateResponse__Output {
  'slot': (number);
  'epoch': (number);
  'evaluated': (Buffer)[];
  'proof': (Buffer);
}
