// Original file: keyfrag/v1/coordinator.proto


export interface ServiceHealth {
  'name'?: (string);
  'address'?: (string);
  'healthy'?: (boolean);
  'detail'?: (string);
}

export interface ServiceHealth__Output {
  'name': (string);
  'address': (string);
  'healthy': (boolean);
  'detail': (string);
}
