package org.phasic.traces.domain.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpTypeTest {
    @ParameterizedTest
    @CsvSource({"CONST,const,0", "PARAM,param,1", "DOT,dot,2", "ADD,add,3", "MUL,mul,4", "DIV,div,5", "INV,inv,6", "SUM,sum,7"})
    void parsesUpperLowerAndCode(String upper, String lower, int code) {
        OpType expected = OpType.valueOf(upper);
        assertThat(OpType.parse(upper)).isEqualTo(expected);
        assertThat(OpType.parse(lower)).isEqualTo(expected);
        assertThat(OpType.fromCode(code)).isEqualTo(expected);
        assertThat(OpType.parse(Integer.toString(code))).isEqualTo(expected);
        assertThat(expected.code()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mul", "FOO", "", "8", "-1", "mul "})
    void rejectsUnknownNames(String text) {
        assertThatThrownBy(() -> OpType.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("op_type");
    }

    @Test
    void rejectsCodesOutOfRange() {
        assertThatThrownBy(() -> OpType.fromCode(8)).hasMessageContaining("unknown op_type code 8");
        assertThatThrownBy(() -> OpType.fromCode(-1)).hasMessageContaining("unknown op_type code -1");
    }
}
