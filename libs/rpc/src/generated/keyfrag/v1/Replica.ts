// Original file: keyfrag/v1/coordinator.proto


export interface Replica {
  'node_id'?: (string);
  'region'?: (string);
  'zone'?: (string);
  'address'?: (string);
  'healthy'?: (boolean);
  'epoch'?: (number);
  'primary'?: (boolean);
}

export interface Replica__Output {
  'node_id': (string);
  'region': (string);
  'zone': (string);
  'address': (string);
  'healthy': (boolean);
  'epoch': (number);
  'primary': (boolean);
}
