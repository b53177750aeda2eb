package dev.pdkit;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A Java type, generic ones included, to bind a JSON response to: the {@code java.lang.reflect.Type}
 * that {@code List<User>.class} cannot spell.
 *
 * <p>Capture any type with an anonymous subclass, in the manner of Jackson's {@code TypeReference}
 * and Guava's {@code TypeToken}; the common shapes have factories that need no subclass:
 *
 * <pre>{@code
 * record User(String id, String name, String timeZone) { }
 *
 * TypeRef<List<User>> users = new TypeRef<List<User>>() { };      // any type
 * TypeRef<List<User>> same = TypeRef.listOf(User.class);           // the same type, no subclass
 * TypeRef<Map<String, User>> byId = TypeRef.mapOf(User.class);     // Map<String, User>
 * TypeRef<User> one = TypeRef.of(User.class);
 *
 * List<User> all = client.rget("/users", Map.of("query", "ada"), users.type());
 * }</pre>
 *
 * <p>Two instances are equal when they stand for the same type, however they were made:
 * {@code TypeRef.listOf(User.class).equals(new TypeRef<List<User>>() { })} is {@code true}, and
 * {@link #type()} of either equals the JDK's own {@link ParameterizedType} for {@code List<User>}.
 *
 * <p>A subclass MUST give a type argument: a raw {@code new TypeRef() { }}, or a bare type variable
 * as in {@code new TypeRef<T>() { }} inside a generic method, fails at construction with an
 * {@link IllegalStateException}, because the type it would stand for is unknown at run time.
 * Type variables nested in an argument ({@code TypeRef<List<T>>}) are kept as they are; a codec binds
 * them as their bound, usually {@code Object}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param <T> the type this reference stands for
 */
public abstract class TypeRef<T> {

    private final Type type;

    /**
     * Captures the type argument of the subclass being created, as in
     * {@code new TypeRef<List<User>>() { }}.
     *
     * @throws IllegalStateException if the subclass gives no type argument (a raw
     *     {@code new TypeRef() { }}) or only a type variable ({@code new TypeRef<T>() { }})
     */
    protected TypeRef() {
        this.type = capture(getClass());
    }

    /** For the factories: the type is known. */
    private TypeRef(Type type) {
        this.type = type;
    }

    /**
     * Returns a reference to a plain class, e.g. {@code TypeRef.of(User.class)}.
     *
     * @param type the class
     * @param <T> the class's type
     * @return a reference whose {@link #type()} is {@code type}
     * @throws NullPointerException if {@code type} is null
     */
    public static <T> TypeRef<T> of(Class<T> type) {
        return new Known<>(Objects.requireNonNull(type, "type"));
    }

    /**
     * Returns a reference to {@code List<E>}, e.g. {@code TypeRef.listOf(User.class)} for
     * {@code List<User>}.
     *
     * @param elementType the class of the elements; not a primitive
     * @param <E> the element type
     * @return a reference whose {@link #type()} is the parameterized type {@code java.util.List<E>}
     * @throws NullPointerException if {@code elementType} is null
     * @throws IllegalArgumentException if {@code elementType} is a primitive such as {@code int.class}
     */
    public static <E> TypeRef<List<E>> listOf(Class<E> elementType) {
        return new Known<>(new Parameterized(List.class, typeArgument(elementType, "elementType")));
    }

    /**
     * Returns a reference to {@code Map<String, V>}, the shape of a JSON object whose values are all
     * of one type, e.g. {@code TypeRef.mapOf(User.class)} for {@code Map<String, User>}.
     *
     * @param valueType the class of the values; not a primitive
     * @param <V> the value type
     * @return a reference whose {@link #type()} is the parameterized type
     *     {@code java.util.Map<java.lang.String, V>}
     * @throws NullPointerException if {@code valueType} is null
     * @throws IllegalArgumentException if {@code valueType} is a primitive such as {@code int.class}
     */
    public static <V> TypeRef<Map<String, V>> mapOf(Class<V> valueType) {
        return new Known<>(new Parameterized(Map.class, String.class, typeArgument(valueType, "valueType")));
    }

    /**
     * Returns the type this reference stands for: a {@link Class} for a plain class, a
     * {@link ParameterizedType} for a generic type such as {@code List<User>}, or any other
     * {@link Type} an anonymous subclass captured (a generic array, say).
     *
     * @return the type, never {@code null}
     */
    public final Type type() {
        return type;
    }

    /**
     * Returns whether {@code o} is a {@code TypeRef} for the same type, however either was made.
     *
     * @param o the object to compare with
     * @return {@code true} if {@code o} is a {@code TypeRef} whose {@link #type()} equals this one's
     */
    @Override
    public final boolean equals(Object o) {
        return o instanceof TypeRef<?> other && type.equals(other.type);
    }

    /**
     * Returns the hash code of the type.
     *
     * @return {@code type().hashCode()}
     */
    @Override
    public final int hashCode() {
        return type.hashCode();
    }

    /**
     * Returns {@code TypeRef<} and the type's name {@code >}, e.g.
     * {@code TypeRef<java.util.List<com.example.User>>}.
     *
     * @return a description of this reference
     */
    @Override
    public final String toString() {
        return "TypeRef<" + type.getTypeName() + ">";
    }

    /** The type argument that {@code subclass} (or its nearest ancestor below TypeRef) gives TypeRef. */
    private static Type capture(Class<?> subclass) {
        Class<?> c = subclass;
        while (c.getSuperclass() != TypeRef.class) {
            c = c.getSuperclass();
        }
        Type superclass = c.getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType parameterized)) {
            throw new IllegalStateException(subclass.getName() + " extends TypeRef without a type argument;"
                    + " give one, as in new TypeRef<List<User>>() { }, or use TypeRef.of, listOf or mapOf");
        }
        Type argument = parameterized.getActualTypeArguments()[0];
        if (argument instanceof TypeVariable<?> variable) {
            throw new IllegalStateException(subclass.getName() + " captures the type variable " + variable.getName()
                    + ", whose value is unknown at run time; pass a concrete type, as in new TypeRef<List<User>>() { }");
        }
        return argument;
    }

    private static Class<?> typeArgument(Class<?> type, String name) {
        Objects.requireNonNull(type, name);
        if (type.isPrimitive()) {
            throw new IllegalArgumentException(name + " must not be a primitive type, but is " + type.getName()
                    + "; a generic type takes its wrapper class instead");
        }
        return type;
    }

    /** A reference made by a factory. */
    private static final class Known<T> extends TypeRef<T> {
        Known(Type type) {
            super(type);
        }
    }

    /**
     * A parameterized top-level type such as {@code List<User>}. Equal to, with the same hash code
     * and name as, the JDK's own {@link ParameterizedType} for the same type.
     */
    private static final class Parameterized implements ParameterizedType {
        private final Class<?> raw;
        private final Type[] arguments;

        /** Only for top-level generic types (List, Map), whose owner type is null, as the JDK's is. */
        Parameterized(Class<?> raw, Type... arguments) {
            this.raw = raw;
            this.arguments = arguments.clone();
        }

        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        /** The JDK's rule ({@code sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl}): owner, raw type and arguments. */
        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType that
                    && that.getOwnerType() == null
                    && raw.equals(that.getRawType())
                    && Arrays.equals(arguments, that.getActualTypeArguments());
        }

        /** The JDK's formula (arguments ^ owner ^ raw, a null owner hashing to 0), so equal types hash alike. */
        @Override
        public int hashCode() {
            return Arrays.hashCode(arguments) ^ raw.hashCode();
        }

        /** As the JDK's: {@code java.util.Map<java.lang.String, com.example.User>}. */
        @Override
        public String toString() {
            StringJoiner names = new StringJoiner(", ", raw.getName() + "<", ">");
            for (Type argument : arguments) {
                names.add(argument.getTypeName());
            }
            return names.toString();
        }
    }
}
