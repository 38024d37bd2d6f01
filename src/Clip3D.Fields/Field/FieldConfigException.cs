namespace Clip3D.Fields.Field;

/// <summary>A field configuration that cannot be used: an unknown JSON key, a value of the wrong type or out of range.</summary>
public sealed class FieldConfigException(string message, Exception? inner = null) : Exception(message, inner);
