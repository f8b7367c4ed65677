// Original file: keyfrag/v1/coordinator.proto


export interface KeyEpochInfo {
  'name'?: (string);
  'version'?: (number);
  'epoch'?: (number);
}

export interface KeyEpochInfo__Output {
  'name': (string);
  'version': (number);
  'epoch': (number);
}
