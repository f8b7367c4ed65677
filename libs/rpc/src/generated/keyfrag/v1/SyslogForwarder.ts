// Original file: keyfrag/v1/audit.proto


export interface SyslogForwarder {
  'address'?: (string);
  'protocol'?: (string);
  'app_name'?: (string);
}

export interface SyslogForwarder__Output {
  'address': (string);
  'protocol': (string);
  'app_name': (string);
}
