// Original file: keyfrag/v1/gateway.proto


export interface CreateDfcKeyRequest {
  'name'?: (string);
  'algorithm'?: (string);
  'slots'?: (number);
  'threshold'?: (number);
  'customer_slot'?: (boolean);
  'rotation_interval_days'?: (number);
  'description'?: (string);
  'tags'?: (string)[];
  'customer_frg_id'?: (string);
}

export interface CreateDfcKeyRequest__Output {
  'name': (string);
  'algorithm': (string);
  'slots': (number);
  'threshold': (number);
  'customer_slot': (boolean);
  'rotation_interval_days': (number);
  'description': (string);
  'tags': (string)[];
  'customer_frg_id': (string);
}
