package dev.pdkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TypeRefTest {

    /** The JDK's own reflection of the types under test: each field's generic type. */
    @SuppressWarnings("unused")
    private static final class Jdk {
        String string;
        List<String> listOfString;
        List<User> listOfUser;
        Map<String, Integer> mapOfInteger;
        Map<String, User> mapOfUser;
        Map<String, List<Integer>> mapOfLists;
        List<? extends Number> listOfWildcard;
        List<String>[] arrayOfLists;

        static Type type(String field) {
            try {
                return Jdk.class.getDeclaredField(field).getGenericType();
            } catch (NoSuchFieldException e) {
                throw new AssertionError(e);
            }
        }
    }

    record User(String id, String name) {
    }

    /** A named subclass with its type argument. */
    static class UsersRef extends TypeRef<List<User>> {
    }

    /** A generic subclass that passes its own variable on: the type is unknown at run time. */
    static class Forwarding<X> extends TypeRef<X> {
    }

    static Stream<Arguments> capturedTypes() {
        return Stream.of(
                Arguments.of("class", new TypeRef<String>() { }, Jdk.type("string")),
                Arguments.of("List<String>", new TypeRef<List<String>>() { }, Jdk.type("listOfString")),
                Arguments.of("List<User>", new TypeRef<List<User>>() { }, Jdk.type("listOfUser")),
                Arguments.of("Map<String, Integer>", new TypeRef<Map<String, Integer>>() { }, Jdk.type("mapOfInteger")),
                Arguments.of("nested generics", new TypeRef<Map<String, List<Integer>>>() { }, Jdk.type("mapOfLists")),
                Arguments.of("wildcard", new TypeRef<List<? extends Number>>() { }, Jdk.type("listOfWildcard")),
                Arguments.of("generic array", new TypeRef<List<String>[]>() { }, Jdk.type("arrayOfLists")),
                Arguments.of("named subclass", new UsersRef(), Jdk.type("listOfUser")),
                Arguments.of("anonymous subclass of a named one", new UsersRef() { }, Jdk.type("listOfUser")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedTypes")
    void anonymousSubclassesCaptureTheirTypeArgument(String name, TypeRef<?> ref, Type expected) {
        assertEquals(expected, ref.type());
        assertEquals(expected.getTypeName(), ref.type().getTypeName());
        assertEquals("TypeRef<" + expected.getTypeName() + ">", ref.toString());
    }

    @Test
    void capturedShapesAreTheJdksOwn() {
        assertInstanceOf(WildcardType.class,
                ((ParameterizedType) new TypeRef<List<? extends Number>>() { }.type()).getActualTypeArguments()[0]);
        assertInstanceOf(GenericArrayType.class, new TypeRef<List<String>[]>() { }.type());
    }

    static Stream<Arguments> factories() {
        return Stream.of(
                Arguments.of("of(String)", TypeRef.of(String.class), new TypeRef<String>() { }, Jdk.type("string")),
                Arguments.of("of(User)", TypeRef.of(User.class), new TypeRef<User>() { }, User.class),
                Arguments.of("listOf(String)", TypeRef.listOf(String.class), new TypeRef<List<String>>() { },
                        Jdk.type("listOfString")),
                Arguments.of("listOf(User)", TypeRef.listOf(User.class), new TypeRef<List<User>>() { },
                        Jdk.type("listOfUser")),
                Arguments.of("mapOf(Integer)", TypeRef.mapOf(Integer.class), new TypeRef<Map<String, Integer>>() { },
                        Jdk.type("mapOfInteger")),
                Arguments.of("mapOf(User)", TypeRef.mapOf(User.class), new TypeRef<Map<String, User>>() { },
                        Jdk.type("mapOfUser")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void factoriesEqualTheCapturedTypeAndTheJdks(String name, TypeRef<?> made, TypeRef<?> captured, Type jdk) {
        assertEquals(captured, made);
        assertEquals(made, captured);
        assertEquals(captured.hashCode(), made.hashCode());
        assertEquals(captured.toString(), made.toString());

        // Both directions: the JDK's ParameterizedType must accept ours, and ours the JDK's.
        assertEquals(jdk, made.type());
        assertEquals(made.type(), jdk);
        assertEquals(jdk.hashCode(), made.type().hashCode());
        assertEquals(jdk.toString(), made.type().toString());
        assertEquals(jdk.getTypeName(), made.type().getTypeName());
    }

    @Test
    void listOfEqualsTheCapturedList() {
        assertEquals(new TypeRef<List<String>>() { }.type(), TypeRef.listOf(String.class).type());
        assertTrue(TypeRef.listOf(String.class).type().equals(new TypeRef<List<String>>() { }.type()));
    }

    @Test
    void theFactoriesTypesArePlainParameterizedTypes() {
        ParameterizedType list = assertInstanceOf(ParameterizedType.class, TypeRef.listOf(User.class).type());
        ParameterizedType map = assertInstanceOf(ParameterizedType.class, TypeRef.mapOf(User.class).type());

        assertSame(List.class, list.getRawType());
        assertNull(list.getOwnerType());
        assertArrayEquals(new Type[] {User.class}, list.getActualTypeArguments());
        assertSame(Map.class, map.getRawType());
        assertNull(map.getOwnerType());
        assertArrayEquals(new Type[] {String.class, User.class}, map.getActualTypeArguments());
        assertSame(String.class, TypeRef.of(String.class).type());
        assertSame(int.class, TypeRef.of(int.class).type());
    }

    @Test
    void theTypeArgumentsCannotBeChangedFromOutside() {
        ParameterizedType list = (ParameterizedType) TypeRef.listOf(User.class).type();

        list.getActualTypeArguments()[0] = String.class;

        assertSame(User.class, list.getActualTypeArguments()[0]);
        assertEquals(Jdk.type("listOfUser"), list);
    }

    static Stream<Arguments> differentTypes() {
        return Stream.of(
                Arguments.of("element types differ", TypeRef.listOf(String.class), TypeRef.listOf(Integer.class)),
                Arguments.of("List vs Map", TypeRef.listOf(String.class), TypeRef.mapOf(String.class)),
                Arguments.of("generic vs raw", TypeRef.listOf(String.class), TypeRef.of(List.class)),
                Arguments.of("value types differ", TypeRef.mapOf(String.class), new TypeRef<Map<String, Object>>() { }),
                Arguments.of("key types differ", TypeRef.mapOf(String.class), new TypeRef<Map<Object, String>>() { }),
                Arguments.of("wildcard vs exact", TypeRef.listOf(Number.class), new TypeRef<List<? extends Number>>() { }),
                Arguments.of("class vs class", TypeRef.of(String.class), TypeRef.of(Object.class)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentTypes")
    void differentTypesAreNotEqual(String name, TypeRef<?> a, TypeRef<?> b) {
        assertNotEquals(a, b);
        assertNotEquals(b, a);
        assertNotEquals(a.type(), b.type());
        assertNotEquals(b.type(), a.type());
    }

    @Test
    void equalsIsByTypeOnly() {
        TypeRef<List<String>> ref = TypeRef.listOf(String.class);

        assertFalse(ref.equals(null));
        assertFalse(ref.equals(ref.type()), "a TypeRef is not equal to its Type");
        assertFalse(ref.type().equals(ref), "nor its Type to the TypeRef");
        assertEquals(ref, ref);
        Set<TypeRef<?>> set = new HashSet<>(List.of(ref, new TypeRef<List<String>>() { }, TypeRef.listOf(String.class)));
        assertEquals(1, set.size());
        Set<Type> types = new HashSet<>(List.of(ref.type(), Jdk.type("listOfString")));
        assertEquals(1, types.size());
    }

    @Test
    void toStringNamesTheType() {
        assertEquals("TypeRef<java.util.List<java.lang.String>>", TypeRef.listOf(String.class).toString());
        assertEquals("TypeRef<java.util.Map<java.lang.String, " + User.class.getTypeName() + ">>",
                TypeRef.mapOf(User.class).toString());
        assertEquals("TypeRef<int>", TypeRef.of(int.class).toString());
    }

    @Test
    @SuppressWarnings("rawtypes")
    void aRawSubclassFailsAtConstruction() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new TypeRef() { });

        assertTrue(e.getMessage().contains("without a type argument"), e.getMessage());
        assertTrue(e.getMessage().contains("new TypeRef<List<User>>() { }"), e.getMessage());
    }

    @Test
    void aTypeVariableFailsAtConstruction() {
        IllegalStateException bare = assertThrows(IllegalStateException.class, TypeRefTest::<String>captureVariable);
        IllegalStateException forwarded = assertThrows(IllegalStateException.class, () -> new Forwarding<String>() { });

        assertTrue(bare.getMessage().contains("type variable T"), bare.getMessage());
        assertTrue(forwarded.getMessage().contains("type variable X"), forwarded.getMessage());
    }

    private static <T> TypeRef<T> captureVariable() {
        return new TypeRef<T>() { };
    }

    @Test
    void aVariableNestedInAnArgumentIsKept() {
        Type type = TypeRefTest.<String>listOfVariable().type();

        ParameterizedType list = assertInstanceOf(ParameterizedType.class, type);
        assertEquals("T", list.getActualTypeArguments()[0].getTypeName());
    }

    private static <T> TypeRef<List<T>> listOfVariable() {
        return new TypeRef<List<T>>() { };
    }

    static Stream<Arguments> badFactoryArguments() {
        return Stream.of(
                Arguments.of("of(null)", (Supplier<?>) () -> TypeRef.of(null), NullPointerException.class, "type"),
                Arguments.of("listOf(null)", (Supplier<?>) () -> TypeRef.listOf(null), NullPointerException.class,
                        "elementType"),
                Arguments.of("mapOf(null)", (Supplier<?>) () -> TypeRef.mapOf(null), NullPointerException.class,
                        "valueType"),
                Arguments.of("listOf(int)", (Supplier<?>) () -> TypeRef.listOf(int.class), IllegalArgumentException.class,
                        "elementType must not be a primitive type, but is int"),
                Arguments.of("mapOf(long)", (Supplier<?>) () -> TypeRef.mapOf(long.class), IllegalArgumentException.class,
                        "valueType must not be a primitive type, but is long"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFactoryArguments")
    void factoriesRefuseBadArguments(String name, Supplier<?> call, Class<? extends RuntimeException> expected,
            String message) {
        RuntimeException e = assertThrows(expected, call::get);

        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
