// Original file: keyfrag/v1/producers.proto


export interface UpdateTargetRequest {
  'name'?: (string);
  'connection'?: ({[key: string]: string});
  'credentials'?: ({[key: string]: string});
  'sealed_credentials'?: (Buffer | Uint8Array | string);
  'description'?: (string);
  'same_server'?: (boolean);
}

export interface UpdateTargetRequest__Output {
  'name': (string);
  'connection': ({[key: string]: string});
  'credentials': ({[key: string]: string});
  'sealed_credentials': (Buffer);
  'description': (string);
  'same_server': (boolean);
}
